package io.corpusforge.inference.tornado;

import io.corpusforge.inference.backend.BackendChoice;
import io.corpusforge.inference.backend.SequenceStep;
import io.corpusforge.inference.cpu.CpuBackend;
import io.corpusforge.inference.cpu.WorkerPool;
import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.gguf.GgufWriter;
import io.corpusforge.inference.gguf.TensorEncoder;
import io.corpusforge.inference.model.ModelSpec;
import io.corpusforge.inference.model.ModelWeights;
import io.corpusforge.inference.model.TensorNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * The GPU measurement of bin/gpu-bundle's run.sh, in one process: prints the devices, checks device logits against
 * the CPU backend on a small Qwen3-shaped model of each weight type, then per benchmark model (Qwen3-0.6B and
 * -1.7B shapes with random weights, F16, Q8_0 and Q4_0, written as GGUF files here) prompt tokens/s at 512,
 * single-stream decode tokens/s, aggregate decode tokens/s at 1, 8, 32 and 64 sequences, and device memory used.
 *
 * <p>Usage: {@code GpuBench DIR [--small]}; {@code --small} swaps the benchmark models for a tiny shape and short runs
 * (a check on a CPU OpenCL device such as PoCL). Exits 1 when the logit check fails.
 */
public final class GpuBench {
  /** Largest |device - cpu| / max |cpu logit| the check accepts (see DeviceParityTest). */
  static final double TOLERANCE = 1e-2;

  record Shape(String name, int dim, int layers, int heads, int kvHeads, int headDim, int ffn, int vocab) {}

  static final Shape QWEN3_06B = new Shape("qwen3-0.6b", 1024, 28, 16, 8, 128, 3072, 151936);
  static final Shape QWEN3_17B = new Shape("qwen3-1.7b", 2048, 28, 16, 8, 128, 6144, 151936);
  static final Shape TINY = new Shape("qwen3-tiny", 256, 2, 4, 2, 64, 512, 2048);
  static final Shape CHECK = new Shape("qwen3-check", 128, 2, 4, 2, 32, 256, 512);

  private GpuBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: GpuBench DIR [--small]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    boolean small = args.length > 1 && args[1].equals("--small");
    Files.createDirectories(dir);
    System.out.println("TornadoVM devices: " + Devices.describe(TornadoRuntimeProvider.getTornadoRuntime()));
    GgmlType[] types = {GgmlType.F16, GgmlType.Q8_0, GgmlType.Q4_0};
    boolean ok = true;
    for (GgmlType t : types) {
      ok &= check(write(dir, CHECK, t, 64), t);
    }
    if (!ok) {
      System.out.println("RESULT: device logits differ from the CPU backend; no benchmark run");
      System.exit(1);
    }
    List<Shape> shapes = small ? List.of(TINY) : List.of(QWEN3_06B, QWEN3_17B);
    int prompt = small ? 64 : 512;
    int decode = small ? 4 : 32;
    int[] batches = small ? new int[] {1, 8} : new int[] {1, 8, 32, 64};
    System.out.println("model            type  pp" + prompt + " tok/s  decode-1 tok/s  aggregate decode tok/s at "
        + java.util.Arrays.toString(batches) + "  device MiB");
    for (Shape s : shapes) {
      for (GgmlType t : types) {
        Path p = write(dir, s, t, prompt + decode + 16);
        try {
          System.out.println(bench(p, s, t, prompt, decode, batches));
        } finally {
          Files.deleteIfExists(p);
        }
      }
    }
    System.out.println("RESULT: ok");
  }

  /** Device vs CPU logits at every position of a 24-token prompt. */
  static boolean check(Path model, GgmlType type) {
    try (GgufFile f = GgufFile.open(model); WorkerPool pool = new WorkerPool(2)) {
      ModelSpec spec = ModelSpec.from(f);
      ModelWeights w = ModelWeights.load(f, spec);
      CpuBackend cpu = new CpuBackend(w, 1, 64, pool);
      TornadoBackend dev = (TornadoBackend) new TornadoBackendProvider().create(w, 1, 64,
          BackendChoice.of("tornado", System.getProperty("engine.device", ""), 0));
      try {
        int[] tokens = tokens(spec.vocabSize(), 24, 5);
        float[][] c = cpu.step(List.of(new SequenceStep(0, 0, tokens, true))).get(0);
        float[][] d = dev.step(List.of(new SequenceStep(0, 0, tokens, true))).get(0);
        double worst = 0;
        for (int p = 0; p < tokens.length; p++) {
          double max = 0;
          double scale = 0;
          for (int v = 0; v < c[p].length; v++) {
            max = Math.max(max, Math.abs(c[p][v] - d[p][v]));
            scale = Math.max(scale, Math.abs(c[p][v]));
          }
          worst = Math.max(worst, max / scale);
        }
        boolean pass = worst <= TOLERANCE;
        System.out.printf(Locale.ROOT, "logit check %s on %s: max |device - cpu| / max |cpu| over 24 positions = "
            + "%.1e (tolerance %.0e): %s%n", type, dev.deviceName(), worst, TOLERANCE, pass ? "PASS" : "FAIL");
        return pass;
      } finally {
        dev.close();
        cpu.close();
      }
    }
  }

  static String bench(Path model, Shape s, GgmlType type, int prompt, int decode, int[] batches) {
    int maxBatch = batches[batches.length - 1];
    try (GgufFile f = GgufFile.open(model)) {
      ModelSpec spec = ModelSpec.from(f);
      ModelWeights w = ModelWeights.load(f, spec);
      long t0 = System.nanoTime();
      TornadoBackend dev = (TornadoBackend) new TornadoBackendProvider().create(w, maxBatch,
          prompt + decode + 16, BackendChoice.of("tornado", System.getProperty("engine.device", ""), 0));
      double load = (System.nanoTime() - t0) / 1e9;
      try {
        if (dev.contextLength() < prompt + decode) {
          return String.format("%-16s %-5s device memory holds only %d positions x %d slots", s.name(), type,
              dev.contextLength(), maxBatch);
        }
        // prompt processing: one sequence, the whole prompt in one step (best of two, the first warms up)
        double pp = 0;
        for (int rep = 0; rep < 2; rep++) {
          long a = System.nanoTime();
          dev.greedy(List.of(new SequenceStep(0, 0, tokens(spec.vocabSize(), prompt, rep), false)));
          pp = Math.max(pp, prompt / ((System.nanoTime() - a) / 1e9));
        }
        StringBuilder agg = new StringBuilder();
        double single = 0;
        for (int b : batches) {
          double tps = decode(dev, spec, b, decode);
          if (b == 1) {
            single = tps;
          }
          agg.append(String.format(Locale.ROOT, " %8.1f", tps));
        }
        return String.format(Locale.ROOT, "%-16s %-5s %10.1f  %14.1f  %s  %8d   (load+compile %.0f s)", s.name(),
            type, pp, single, agg, dev.deviceBytes() >> 20, load);
      } finally {
        dev.close();
      }
    }
  }

  /** Aggregate decode tokens/s of {@code batch} sequences (8-token prompts), greedy on the device. */
  static double decode(TornadoBackend dev, ModelSpec spec, int batch, int steps) {
    List<SequenceStep> step = new ArrayList<>();
    for (int s = 0; s < batch; s++) {
      step.add(new SequenceStep(s, 0, tokens(spec.vocabSize(), 8, s), false));
    }
    int[] next = dev.greedy(step);
    long a = 0;
    for (int i = 0; i <= steps; i++) {
      if (i == 1) {
        a = System.nanoTime(); // the first decode step warms this batch size's launches up
      }
      step.clear();
      for (int s = 0; s < batch; s++) {
        step.add(new SequenceStep(s, 8 + i, new int[] {next[s]}, false));
      }
      next = dev.greedy(step);
    }
    return (double) batch * steps / ((System.nanoTime() - a) / 1e9);
  }

  static int[] tokens(int vocab, int n, int seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = r.nextInt(vocab);
    }
    return t;
  }

  /**
   * A Qwen3-shaped GGUF with random weights of {@code type} (norms F32). Tensors repeat one encoded random chunk,
   * so writing a 1.7B model takes seconds; the values do not matter for speed.
   */
  static Path write(Path dir, Shape s, GgmlType type, int context) {
    Path p = dir.resolve(s.name() + "-" + type.name().toLowerCase(Locale.ROOT) + ".gguf");
    String a = "qwen3.";
    GgufWriter w = new GgufWriter().putString("general.architecture", "qwen3")
        .putUint32(a + "block_count", s.layers()).putUint32(a + "embedding_length", s.dim())
        .putUint32(a + "attention.head_count", s.heads()).putUint32(a + "attention.head_count_kv", s.kvHeads())
        .putUint32(a + "attention.key_length", s.headDim()).putUint32(a + "attention.value_length", s.headDim())
        .putUint32(a + "feed_forward_length", s.ffn()).putUint32(a + "context_length", Math.max(context, 64))
        .putFloat32(a + "attention.layer_norm_rms_epsilon", 1e-6f).putFloat32(a + "rope.freq_base", 1000000f);
    SplittableRandom r = new SplittableRandom(42);
    matrix(w, r, TensorNames.TOKEN_EMBD, type, s.dim(), s.vocab(), 1.0);
    vector(w, r, TensorNames.OUTPUT_NORM, s.dim());
    int q = s.heads() * s.headDim();
    int kv = s.kvHeads() * s.headDim();
    for (int l = 0; l < s.layers(); l++) {
      vector(w, r, TensorNames.attnNorm(l), s.dim());
      matrix(w, r, TensorNames.attnQ(l), type, s.dim(), q, 1 / Math.sqrt(s.dim()));
      matrix(w, r, TensorNames.attnK(l), type, s.dim(), kv, 1 / Math.sqrt(s.dim()));
      matrix(w, r, TensorNames.attnV(l), type, s.dim(), kv, 1 / Math.sqrt(s.dim()));
      vector(w, r, TensorNames.attnQNorm(l), s.headDim());
      vector(w, r, TensorNames.attnKNorm(l), s.headDim());
      matrix(w, r, TensorNames.attnOutput(l), type, q, s.dim(), 1 / Math.sqrt(q));
      vector(w, r, TensorNames.ffnNorm(l), s.dim());
      matrix(w, r, TensorNames.ffnGate(l), type, s.dim(), s.ffn(), 1 / Math.sqrt(s.dim()));
      matrix(w, r, TensorNames.ffnUp(l), type, s.dim(), s.ffn(), 1 / Math.sqrt(s.dim()));
      matrix(w, r, TensorNames.ffnDown(l), type, s.ffn(), s.dim(), 1 / Math.sqrt(s.ffn()));
    }
    w.write(p);
    return p;
  }

  private static void vector(GgufWriter w, SplittableRandom r, String name, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (1 + 0.1 * r.nextGaussian());
    }
    w.addTensor(name, GgmlType.F32, new long[] {n}, v);
  }

  private static void matrix(GgufWriter w, SplittableRandom r, String name, GgmlType type, int cols, int rows,
      double std) {
    int chunkValues = Math.min(cols * rows, 1 << 16) / 32 * 32;
    float[] chunk = new float[chunkValues];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (float) (std * r.nextGaussian());
    }
    byte[] enc = TensorEncoder.encode(type, chunk);
    byte[] data = new byte[Math.toIntExact(type.bytesFor((long) cols * rows))];
    for (int o = 0; o < data.length; o += enc.length) {
      System.arraycopy(enc, 0, data, o, Math.min(enc.length, data.length - o));
    }
    w.addTensor(name, type, new long[] {cols, rows}, data);
  }
}
