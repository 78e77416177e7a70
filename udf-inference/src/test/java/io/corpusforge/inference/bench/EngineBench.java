package io.corpusforge.inference.bench;

import io.corpusforge.inference.EngineOptions;
import io.corpusforge.inference.LocalEngine;
import io.corpusforge.inference.backend.Backend;
import io.corpusforge.inference.backend.SequenceStep;
import io.corpusforge.inference.sampling.Sampler;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Single-sequence prompt processing (pp) and decode (tg) speed of the CPU backend, as llama-bench measures them:
 * pp = one forward step over N prompt tokens, tg = M steps of one token each (greedy). Prints medians over runs.
 *
 * <p>With BATCH &gt; 0 it also measures batched decode as the generate job runs it: BATCH sequences (slots), each
 * started with a one-token prompt, then DECODE_TOKENS steps that each carry one token of every sequence (a
 * BATCH-token matrix product per weight); reported as generated tokens per second over all sequences.
 *
 * <pre>java ... EngineBench MODEL.gguf THREADS [PROMPT_TOKENS=128] [DECODE_TOKENS=32] [RUNS=3] [BATCH=0]</pre>
 */
public final class EngineBench {
  private EngineBench() {}

  public static void main(String[] args) {
    Path model = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int pp = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int tg = args.length > 3 ? Integer.parseInt(args[3]) : 32;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int batch = args.length > 5 ? Integer.parseInt(args[5]) : 0;
    try (LocalEngine engine = LocalEngine.load(model,
        new EngineOptions(threads, Math.max(1, batch), pp + tg + 1))) {
      Backend b = engine.backend();
      int[] prompt = new int[pp];
      for (int i = 0; i < pp; i++) {
        prompt[i] = 1000 + (i * 7919) % 20000; // fixed, ordinary token ids
      }
      double[] ppRate = new double[runs];
      double[] tgRate = new double[runs];
      for (int r = -1; r < runs; r++) { // run -1 warms up the JIT
        long t0 = System.nanoTime();
        float[] logits = b.step(List.of(new SequenceStep(0, 0, prompt, false))).get(0)[0];
        long t1 = System.nanoTime();
        int token = Sampler.argmax(logits);
        for (int i = 0; i < tg; i++) {
          logits = b.step(List.of(new SequenceStep(0, pp + i, new int[] {token}, false))).get(0)[0];
          token = Sampler.argmax(logits);
        }
        long t2 = System.nanoTime();
        if (r >= 0) {
          ppRate[r] = pp / ((t1 - t0) / 1e9);
          tgRate[r] = tg / ((t2 - t1) / 1e9);
        }
      }
      System.out.printf("java  %s threads=%d pp%d %.2f tok/s  tg%d %.2f tok/s  (median of %d: pp %s tg %s)%n",
          model.getFileName(), threads, pp, median(ppRate), tg, median(tgRate), runs, fmt(ppRate), fmt(tgRate));
      if (batch > 0) {
        double[] bRate = new double[runs];
        for (int r = -1; r < runs; r++) {
          int[] tokens = new int[batch];
          List<SequenceStep> first = new java.util.ArrayList<>();
          for (int s = 0; s < batch; s++) {
            first.add(new SequenceStep(s, 0, new int[] {1000 + 37 * s}, false));
          }
          List<float[][]> out = b.step(first);
          long t0 = System.nanoTime();
          for (int i = 0; i < tg; i++) {
            List<SequenceStep> step = new java.util.ArrayList<>();
            for (int s = 0; s < batch; s++) {
              tokens[s] = Sampler.argmax(out.get(s)[0]);
              step.add(new SequenceStep(s, 1 + i, new int[] {tokens[s]}, false));
            }
            out = b.step(step);
          }
          long t1 = System.nanoTime();
          if (r >= 0) {
            bRate[r] = (double) batch * tg / ((t1 - t0) / 1e9);
          }
        }
        System.out.printf("java  %s threads=%d batched decode %d seqs x %d steps %.2f tok/s  (median of %d: %s)%n",
            model.getFileName(), threads, batch, tg, median(bRate), runs, fmt(bRate));
      }
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  static String fmt(double[] v) {
    return Arrays.toString(Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray());
  }
}
