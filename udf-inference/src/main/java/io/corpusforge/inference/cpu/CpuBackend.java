package io.corpusforge.inference.cpu;

import io.corpusforge.inference.backend.Backend;
import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.backend.SequenceStep;
import io.corpusforge.inference.model.ModelSpec;
import io.corpusforge.inference.model.ModelWeights;
import io.corpusforge.inference.model.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The forward pass on the CPU: weights stay in the memory-mapped GGUF file and are decoded row by row inside the
 * matrix products; all tokens of a step (every sequence's prompt chunk or next token) go through each weight
 * together, so a weight row is decoded once per step, not once per token.
 */
public final class CpuBackend implements Backend {
  private final ModelSpec spec;
  private final WorkerPool pool;
  private final KvCache cache;
  private final int contextLength;
  private final Tensor tokenEmbd;
  private final float[] outputNorm;
  private final Tensor output;
  private final Layer[] layers;
  private final Rope rope;

  /** A block's weights: matrices stay in the file, the small vectors are decoded to floats once. */
  private record Layer(float[] attnNorm, Tensor q, Tensor k, Tensor v, float[] qBias, float[] kBias, float[] vBias,
      float[] qNorm, float[] kNorm, Tensor o, float[] ffnNorm, Tensor gate, Tensor up, Tensor down) {}

  /**
   * @param weights the model's tensors; their file must stay open while the backend is used
   * @param slots sequences in flight at once
   * @param contextLength positions per slot (at most the model's)
   * @param kvType element type of the KV cache
   * @param kvBytes the KV cache's byte budget (all slots together)
   */
  public CpuBackend(ModelWeights weights, int slots, int contextLength, WorkerPool pool, KvType kvType,
      long kvBytes) {
    this.spec = weights.spec();
    this.pool = pool;
    this.contextLength = contextLength;
    weights.forEachTensor(t -> BlockCodec.requireSupported(t.type(), t.name()));
    tokenEmbd = weights.tokenEmbd();
    outputNorm = floats(weights.outputNorm());
    output = weights.output();
    layers = new Layer[spec.layers()];
    for (int l = 0; l < layers.length; l++) {
      ModelWeights.Layer w = weights.layers().get(l);
      layers[l] = new Layer(floats(w.attnNorm()), w.q(), w.k(), w.v(), floats(w.qBias()), floats(w.kBias()),
          floats(w.vBias()), floats(w.qNorm()), floats(w.kNorm()), w.o(), floats(w.ffnNorm()), w.gate(), w.up(),
          w.down());
    }
    float[] freqFactors = floats(weights.ropeFreqs());
    rope = new Rope(spec.ropeType(), spec.ropeDim(), spec.ropeBase(), spec.ropeFreqScale(), freqFactors);
    cache = new KvCache(slots, spec.layers(), spec.kvDim(), spec.vDim(), contextLength, kvType, kvBytes);
  }

  /** With an F32 KV cache as large as every slot at the full context needs. */
  public CpuBackend(ModelWeights weights, int slots, int contextLength, WorkerPool pool) {
    this(weights, slots, contextLength, pool, KvType.F32, Long.MAX_VALUE);
  }

  /** A small tensor decoded to floats; null stays null (absent optional tensor). */
  private static float[] floats(Tensor t) {
    if (t == null) {
      return null;
    }
    float[] out = new float[t.rows() * t.cols()];
    for (int r = 0; r < t.rows(); r++) {
      row(t, r, out, r * t.cols());
    }
    return out;
  }

  private static void row(Tensor t, int r, float[] out, int o) {
    BlockCodec.dequantize(t.type(), t.data(), t.rowOffset(r), out, o, t.cols());
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public int slots() {
    return cache.slots();
  }

  @Override
  public int contextLength() {
    return contextLength;
  }

  @Override
  public void copyPrefix(int fromSlot, int toSlot, int positions) {
    if (fromSlot != toSlot && positions > 0) {
      cache.copyPrefix(fromSlot, toSlot, positions);
    }
  }

  @Override
  public void reserve(int slot, int positions) {
    cache.ensure(slot, positions, true);
  }

  @Override
  public void release(int slot) {
    cache.release(slot);
  }

  /** Bytes of every KV cache slot's arrays together, at most the budget. */
  public long kvCacheBytesUsed() {
    return cache.usedBytes();
  }

  /** Bytes one position takes in the KV cache (all layers) with this model and cache type. */
  public static long kvBytesPerPosition(ModelSpec spec, KvType type) {
    return KvCache.bytesPerPosition(spec.layers(), spec.kvDim(), spec.vDim(), type);
  }

  @Override
  public void close() {
    // the pool and the mapped file belong to the caller
  }

  @Override
  public List<float[][]> step(List<SequenceStep> batch) {
    int t = 0;
    Set<Integer> slotsSeen = new HashSet<>();
    for (SequenceStep s : batch) {
      if (s.slot() < 0 || s.slot() >= cache.slots() || !slotsSeen.add(s.slot())) {
        throw new IllegalArgumentException("bad or repeated slot " + s.slot());
      }
      cache.ensure(s.slot(), s.startPos() + s.tokens().length);
      t += s.tokens().length;
    }
    final int tokens = t;
    int[] slotOf = new int[tokens];
    int[] posOf = new int[tokens];
    int[] ids = new int[tokens];
    int i = 0;
    for (SequenceStep s : batch) {
      for (int j = 0; j < s.tokens().length; j++, i++) {
        slotOf[i] = s.slot();
        posOf[i] = s.startPos() + j;
        ids[i] = s.tokens()[j];
        if (ids[i] < 0 || ids[i] >= spec.vocabSize()) {
          throw new IllegalArgumentException("token id " + ids[i] + " outside the vocabulary of "
              + spec.vocabSize());
        }
      }
    }
    int dim = spec.dim();
    float[] x = new float[tokens * dim];
    for (int j = 0; j < tokens; j++) {
      row(tokenEmbd, ids[j], x, j * dim);
    }
    float[][] ropeTables = new float[tokens][];
    for (int j = 0; j < tokens; j++) {
      ropeTables[j] = rope.table(posOf[j]);
    }
    Scratch s = new Scratch(tokens);
    for (int l = 0; l < layers.length; l++) {
      layer(l, layers[l], x, tokens, slotOf, posOf, ropeTables, s);
    }
    // logits only for the rows asked for
    List<Integer> rows = new ArrayList<>();
    i = 0;
    for (SequenceStep st : batch) {
      int n = st.tokens().length;
      for (int j = n - st.logitRows(); j < n; j++) {
        rows.add(i + j);
      }
      i += n;
    }
    int r = rows.size();
    float[] normed = new float[r * dim];
    for (int j = 0; j < r; j++) {
      Kernels.rmsNorm(x, rows.get(j) * dim, outputNorm, 0, normed, j * dim, dim, spec.normEps());
    }
    float[] logits = new float[r * spec.vocabSize()];
    matmul(output, normed, r, logits);
    List<float[][]> out = new ArrayList<>(batch.size());
    int row = 0;
    for (SequenceStep st : batch) {
      float[][] m = new float[st.logitRows()][];
      for (int j = 0; j < m.length; j++, row++) {
        m[j] = java.util.Arrays.copyOfRange(logits, row * spec.vocabSize(), (row + 1) * spec.vocabSize());
      }
      out.add(m);
    }
    return out;
  }

  /** Per-step activations, reused across layers. */
  private final class Scratch {
    final float[] xn;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[] att;
    final float[] proj;
    final float[] gate;
    final float[] up;

    Scratch(int tokens) {
      xn = new float[tokens * spec.dim()];
      q = new float[tokens * spec.qDim()];
      k = new float[tokens * spec.kvDim()];
      v = new float[tokens * spec.vDim()];
      att = new float[tokens * spec.heads() * spec.valueDim()];
      proj = new float[tokens * spec.dim()];
      gate = new float[tokens * spec.ffnDim()];
      up = new float[tokens * spec.ffnDim()];
    }
  }

  private void layer(int l, Layer w, float[] x, int tokens, int[] slotOf, int[] posOf, float[][] ropeTables,
      Scratch s) {
    int dim = spec.dim();
    int hd = spec.headDim();
    int vd = spec.valueDim();
    int qDim = spec.qDim();
    int kvDim = spec.kvDim();
    int vDim = spec.vDim();
    float eps = spec.normEps();
    perToken(tokens, j -> {
      Kernels.rmsNorm(x, j * dim, w.attnNorm, 0, s.xn, j * dim, dim, eps);
    });
    Rounded xq = rounded(w.q, s.xn, tokens, null);
    matmul(w.q, xq, tokens, s.q);
    Rounded xk = rounded(w.k, s.xn, tokens, xq);
    matmul(w.k, xk, tokens, s.k);
    matmul(w.v, rounded(w.v, s.xn, tokens, xk), tokens, s.v);
    perToken(tokens, j -> {
      if (w.qBias != null) {
        Kernels.add(s.q, j * qDim, w.qBias, 0, qDim);
        Kernels.add(s.k, j * kvDim, w.kBias, 0, kvDim);
        Kernels.add(s.v, j * vDim, w.vBias, 0, vDim);
      }
      for (int h = 0; h < spec.heads(); h++) {
        int o = j * qDim + h * hd;
        if (w.qNorm != null) {
          Kernels.rmsNorm(s.q, o, w.qNorm, 0, s.q, o, hd, eps);
        }
        rope.apply(s.q, o, ropeTables[j]);
      }
      for (int h = 0; h < spec.kvHeads(); h++) {
        int o = j * kvDim + h * hd;
        if (w.kNorm != null) {
          Kernels.rmsNorm(s.k, o, w.kNorm, 0, s.k, o, hd, eps);
        }
        rope.apply(s.k, o, ropeTables[j]);
      }
      cache.write(slotOf[j], l, posOf[j], s.k, j * kvDim, s.v, j * vDim);
    });
    float scale = (float) (1.0 / Math.sqrt(hd));
    int group = spec.heads() / spec.kvHeads();
    boolean f16 = cache.type() == KvType.F16;
    // work items are (token, pair of query heads sharing a KV head): each key and value row is read once per pair
    int pairs = (group + 1) / 2;
    int itemsPerToken = spec.kvHeads() * pairs;
    pool.parallelFor(tokens * itemsPerToken, 1, (from, to) -> {
      float[] scores = new float[2 * contextLength];
      float[] lanes = new float[2 * Kernels.F.length() * Kernels.F.length()];
      float[] q = f16 ? new float[hd] : null;
      float[] row = f16 ? new float[Math.max(hd, vd)] : null;
      for (int th = from; th < to; th++) {
        // tokens taken from both ends in turn: later positions attend to more keys, and each thread's contiguous
        // share of (token, head) pairs should carry about the same work
        int jj = th / itemsPerToken;
        int j = (jj & 1) == 0 ? jj >> 1 : tokens - 1 - (jj >> 1);
        int kvh = th % itemsPerToken / pairs;
        int h = kvh * group + 2 * (th % itemsPerToken % pairs);
        boolean two = h + 1 < (kvh + 1) * group;
        int len = posOf[j] + 1;
        int qa = j * qDim + h * hd;
        int oa = (j * spec.heads() + h) * vd;
        java.util.Arrays.fill(s.att, oa, oa + (two ? 2 : 1) * vd, 0f);
        if (f16) {
          short[] keys = cache.keysF16(slotOf[j], l);
          short[] values = cache.valuesF16(slotOf[j], l);
          for (int head = 0; head < (two ? 2 : 1); head++) {
            int ao = oa + head * vd;
            // as llama.cpp with an F16 cache: the query and the attention weights meet fp16 keys/values as fp16
            Kernels.roundToF16(s.q, qa + head * hd, q, 0, hd);
            for (int p = 0; p < len; p++) {
              Kernels.f16ToFloat(keys, p * kvDim + kvh * hd, row, 0, hd);
              scores[p] = Kernels.dot(q, 0, row, 0, hd) * scale;
            }
            Kernels.softmax(scores, 0, len);
            Kernels.roundToF16(scores, 0, scores, 0, len);
            for (int p = 0; p < len; p++) {
              Kernels.f16ToFloat(values, p * vDim + kvh * vd, row, 0, vd);
              Kernels.axpy(scores[p], row, 0, s.att, ao, vd);
            }
          }
        } else {
          float[] keys = cache.keys(slotOf[j], l);
          float[] values = cache.values(slotOf[j], l);
          int sb = contextLength;
          Kernels.dotRows(s.q, qa, two ? qa + hd : -1, keys, kvh * hd, kvDim, hd, len, scale, scores, 0, scores, sb,
              lanes);
          Kernels.softmax(scores, 0, len);
          if (two) {
            Kernels.softmax(scores, sb, len);
            Kernels.weightedSum2(scores, 0, sb, len, values, kvh * vd, vDim, s.att, oa, oa + vd, vd);
          } else {
            Kernels.weightedSum(scores, len, values, kvh * vd, vDim, s.att, oa, vd);
          }
        }
      }
    });
    matmul(w.o, s.att, tokens, s.proj);
    perToken(tokens, j -> {
      Kernels.add(x, j * dim, s.proj, j * dim, dim);
      Kernels.rmsNorm(x, j * dim, w.ffnNorm, 0, s.xn, j * dim, dim, eps);
    });
    Rounded xg = rounded(w.gate, s.xn, tokens, null);
    matmul(w.gate, xg, tokens, s.gate);
    matmul(w.up, rounded(w.up, s.xn, tokens, xg), tokens, s.up);
    int ffn = spec.ffnDim();
    perToken(tokens, j -> {
      Kernels.swiglu(s.gate, j * ffn, s.up, j * ffn, ffn);
    });
    matmul(w.down, s.gate, tokens, s.proj);
    perToken(tokens, j -> {
      Kernels.add(x, j * dim, s.proj, j * dim, dim);
    });
  }

  /** Tokens per task when the per-token work (norms, rope, KV writes, SwiGLU) is split over the pool. */
  private static final int TOKENS_PER_TASK = 4;

  /** Runs {@code body} for every token of a step, split over the pool when the step has enough tokens to pay. */
  private void perToken(int tokens, java.util.function.IntConsumer body) {
    pool.parallelFor(tokens, TOKENS_PER_TASK, (from, to) -> {
      for (int j = from; j < to; j++) {
        body.accept(j);
      }
    });
  }

  /** Inputs rounded as llama.cpp rounds them for one weight type's dot product (plus Q8_1 block sums). */
  record Rounded(BlockCodec.ActivationRounding rounding, float[] values, float[] sums) {}

  /**
   * {@code x}'s {@code tokens} rows of {@code n} rounded for {@code w}'s type, once per step and input: q/k/v share
   * one rounding, gate/up another ({@code previous} is reused when it is for the same rounding). Tokens are split
   * over the pool.
   */
  Rounded rounded(Tensor w, float[] x, int tokens, Rounded previous) {
    BlockCodec.ActivationRounding r = BlockCodec.activationRounding(w.type());
    if (previous != null && previous.rounding() == r) {
      return previous;
    }
    int n = w.cols();
    if (r == BlockCodec.ActivationRounding.NONE) {
      return new Rounded(r, x, null);
    }
    float[] in = java.util.Arrays.copyOf(x, tokens * n);
    float[] sums = BlockCodec.hasMin(w.type()) ? new float[tokens * (n / 32)] : null;
    pool.parallelFor(tokens, 1, (from, to) -> {
      for (int t = from; t < to; t++) {
        BlockCodec.roundActivations(r, in, t * n, n, sums, t * (n / 32));
      }
    });
    return new Rounded(r, in, sums);
  }

  /** {@code out[t][r] = W[r] . x[t]} for {@code tokens} input rows (rounded here). */
  void matmul(Tensor w, float[] x, int tokens, float[] out) {
    matmul(w, rounded(w, x, tokens, null), tokens, out);
  }

  /**
   * {@code out[t][r] = W[r] . x[t]} for {@code tokens} input rows, already rounded the way llama.cpp rounds
   * activations for this weight type; each weight row is decoded once and dotted with every input row.
   */
  void matmul(Tensor w, Rounded in, int tokens, float[] out) {
    int n = w.cols();
    final float[] input = in.values();
    final float[] sums = in.sums();
    int rows = w.rows();
    long work = (long) rows * n * tokens;
    int grain = work < (1 << 16) ? rows : 16; // tiny products are not worth a thread hand-off
    if (w.type().blockSize >= 32) {
      // quantized: fused single-token kernels or decoded rows in register tiles (BlockDot); Q4_1/Q5_1 with the
      // activations' block sums
      pool.parallelFor(rows, grain, (from, to) -> {
        float[] buf = BlockDot.buffer(n);
        BlockDot.rows(w.type(), w.data(), w.rowBytes(), from, to, input, sums, n, tokens, out, rows, buf);
      });
      return;
    }
    // F32/F16/BF16: one row at a time with Kernels.dot, four 16-lane accumulators in llama.cpp's AVX-512 order for
    // these types (its F32/F16 dot products) on every host, so the logits agree to float precision
    pool.parallelFor(rows, grain, (from, to) -> {
      float[] row = BlockDot.buffer(n);
      for (int r = from; r < to; r++) {
        row(w, r, row, 0);
        for (int t = 0; t < tokens; t++) {
          out[t * rows + r] = Kernels.dot(row, 0, input, t * n, n);
        }
      }
    });
  }
}
