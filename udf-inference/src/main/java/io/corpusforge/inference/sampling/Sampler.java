package io.corpusforge.inference.sampling;

import io.corpusforge.inference.SamplingParams;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses next tokens for one request. Its random stream is seeded by the request alone, so the choice depends on
 * nothing but the request and its logits, never on other sequences in the batch.
 *
 * <p>Order, as in llama.cpp's default chain: repetition and presence penalties over the last
 * {@link #PENALTY_WINDOW} tokens of the context (prompt included), then greedy argmax when temperature is 0; else
 * top-k, softmax, top-p, min-p, temperature, and a draw.
 */
public final class Sampler {
  /** Tokens looked back at by the penalties (llama.cpp's {@code penalty_last_n} default). */
  public static final int PENALTY_WINDOW = 64;

  private final SamplingParams params;
  private final SplittableRandom random;

  public Sampler(SamplingParams params, long seed) {
    this.params = params;
    this.random = new SplittableRandom(seed);
  }

  /**
   * True when {@link #next} is exactly {@link #argmax} of the raw logits (temperature 0 and no penalty alters them),
   * so the argmax may be taken where the logits are (on a device) without calling {@link #next}: it draws nothing.
   */
  public boolean isArgmaxOfRawLogits() {
    return params.isGreedy() && params.repetitionPenalty() == 1 && params.presencePenalty() == 0;
  }

  /**
   * @param logits raw logits (modified in place by the penalties)
   * @param history the context so far (prompt + generated), {@code historyLength} valid entries
   */
  public int next(float[] logits, int[] history, int historyLength) {
    applyPenalties(logits, history, historyLength);
    if (params.isGreedy()) {
      return argmax(logits);
    }
    int n = logits.length;
    int[] ids;
    int k = params.topK() > 0 ? Math.min(params.topK(), n) : n;
    ids = topIndices(logits, k);
    // softmax over the kept candidates (sorted by logit, descending)
    double max = logits[ids[0]];
    double[] p = new double[ids.length];
    double sum = 0;
    for (int i = 0; i < ids.length; i++) {
      p[i] = Math.exp(logits[ids[i]] - max);
      sum += p[i];
    }
    int keep = ids.length;
    if (params.topP() < 1) {
      double cum = 0;
      for (int i = 0; i < ids.length; i++) {
        cum += p[i] / sum;
        if (cum >= params.topP()) {
          keep = i + 1;
          break;
        }
      }
    }
    if (params.minP() > 0) {
      double threshold = params.minP() * p[0];
      int m = 1;
      while (m < keep && p[m] >= threshold) {
        m++;
      }
      keep = m;
    }
    // temperature on the surviving candidates
    double t = params.temperature();
    double[] w = new double[keep];
    double total = 0;
    for (int i = 0; i < keep; i++) {
      w[i] = Math.exp((logits[ids[i]] - max) / t);
      total += w[i];
    }
    double r = random.nextDouble() * total;
    for (int i = 0; i < keep; i++) {
      r -= w[i];
      if (r <= 0) {
        return ids[i];
      }
    }
    return ids[keep - 1];
  }

  void applyPenalties(float[] logits, int[] history, int historyLength) {
    double rep = params.repetitionPenalty();
    double presence = params.presencePenalty();
    if (rep == 1 && presence == 0) {
      return;
    }
    int from = Math.max(0, historyLength - PENALTY_WINDOW);
    int[] seen = Arrays.copyOfRange(history, from, historyLength);
    Arrays.sort(seen);
    for (int i = 0; i < seen.length; i++) {
      if (i > 0 && seen[i] == seen[i - 1]) {
        continue;
      }
      int id = seen[i];
      float l = logits[id];
      l = (float) (l > 0 ? l / rep : l * rep);
      logits[id] = (float) (l - presence);
    }
  }

  /** Index of the largest logit; the lowest index on ties. */
  public static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  /** The {@code k} indices with the largest logits, largest first (ties: lower index first). */
  static int[] topIndices(float[] logits, int k) {
    int n = logits.length;
    if (k >= n) {
      Integer[] all = new Integer[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      Arrays.sort(all, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : a - b);
      return Arrays.stream(all).mapToInt(Integer::intValue).toArray();
    }
    // min-heap of size k
    java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(k,
        (a, b) -> logits[a] != logits[b] ? Float.compare(logits[a], logits[b]) : b - a);
    for (int i = 0; i < n; i++) {
      if (heap.size() < k) {
        heap.add(i);
      } else {
        int top = heap.peek();
        if (logits[i] > logits[top]) {
          heap.poll();
          heap.add(i);
        }
      }
    }
    int[] out = new int[heap.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = heap.poll();
    }
    return out;
  }
}
