package io.corpusforge.inference.cpu;

import io.corpusforge.inference.fixtures.FixtureModels;
import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.TensorEncoder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Single-token products (decoding one sequence) on 3072 x 1024 matrices of each quantized type, one thread, the
 * paths side by side in alternating rounds: {@code codec} = rows decoded by the scalar {@link BlockCodec} then
 * {@link BlockDot#dot4} (the path before the vector decoders; for Q4_1/Q5_1 the engine's path before,
 * {@link BlockCodec#dotWithMin}), {@code vector} = rows decoded by {@link BlockDot#unpack} then dot4,
 * {@code engine} = what {@link CpuBackend#matmul} runs for one token ({@link BlockDot#rows}, fused kernels where a
 * type has one). Two sizes: one matrix (cache-resident: 2-4 MB, in L3) and enough copies of it for {@code MEMORY_MB}
 * (read from memory). Prints GB/s of weight bytes, medians of the rounds, and the largest engine - codec difference.
 *
 * <pre>java ... cpu.QuantDecodeBench [ROUNDS=15] [MEMORY_MB=128] [TYPES=Q4_1,Q5_0,Q5_1,Q4_K,Q5_K,Q6_K]</pre>
 */
public final class QuantDecodeBench {
  private QuantDecodeBench() {}

  private static final int ROWS = 3072;
  private static final int N = 1024;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    long memoryBytes = (args.length > 1 ? Long.parseLong(args[1]) : 128) << 20;
    String types = args.length > 2 ? args[2] : "Q4_1,Q5_0,Q5_1,Q4_K,Q5_K,Q6_K";
    for (String name : types.split(",")) {
      GgmlType type = GgmlType.valueOf(name);
      SplittableRandom rnd = new SplittableRandom(3);
      byte[] one = type == GgmlType.Q8_0 || type == GgmlType.Q4_0 ? TensorEncoder.encode(type, gaussian(rnd, ROWS * N))
          : FixtureModels.randomBlocks(rnd, type, (long) ROWS * N, 1.0);
      float[] x = gaussian(rnd, N);
      float[] sums = new float[N / 32];
      BlockCodec.roundActivations(BlockCodec.activationRounding(type), x, 0, N, sums, 0);
      run(type, one, 1, x, sums, rounds, "cache ");
      run(type, one, (int) Math.max(2, memoryBytes / one.length), x, sums, rounds, "memory");
    }
  }

  private static void run(GgmlType type, byte[] one, int matrices, float[] x, float[] sums, int rounds, String label) {
    MemorySegment seg = Arena.ofAuto().allocate((long) one.length * matrices, 64);
    for (int m = 0; m < matrices; m++) {
      MemorySegment.copy(MemorySegment.ofArray(one), 0, seg, (long) m * one.length, one.length);
    }
    long rowBytes = one.length / ROWS;
    float[][] out = new float[3][ROWS];
    double[][] gbs = new double[3][rounds];
    float[] buf = new float[BlockDot.bufferFloats(N)];
    for (int r = -Math.max(3, 200 / matrices); r < rounds; r++) { // warm-up: every path JIT-compiled first
      for (int path = 0; path < 3; path++) {
        long t0 = System.nanoTime();
        for (int m = 0; m < matrices; m++) {
          product(path, type, seg.asSlice((long) m * one.length, one.length), rowBytes, x, sums, out[path], buf);
        }
        long t1 = System.nanoTime();
        if (r >= 0) {
          gbs[path][r] = (double) one.length * matrices / (t1 - t0);
        }
      }
    }
    double diff = 0; // engine vs codec (vector vs codec differs by design for Q4_1/Q5_1: no block sums)
    for (int i = 0; i < ROWS; i++) {
      diff = Math.max(diff, Math.abs(out[2][i] - out[0][i]));
    }
    double codec = median(gbs[0]);
    double vector = median(gbs[1]);
    double engine = median(gbs[2]);
    System.out.printf("%-5s %s %4.0f MB: codec %6.2f GB/s, vector %6.2f GB/s, engine %6.2f GB/s; engine/codec %5.2fx, "
            + "engine/vector %5.2fx; max |engine - codec| %.1e (medians of %d)%n", type, label,
        (double) one.length * matrices / (1 << 20), codec, vector, engine, engine / codec, engine / vector, diff,
        rounds);
  }

  private static void product(int path, GgmlType type, MemorySegment s, long rowBytes, float[] x, float[] sums,
      float[] out, float[] buf) {
    if (path == 2) { // as CpuBackend.matmul
      BlockDot.rows(type, s, rowBytes, 0, ROWS, x, BlockCodec.hasMin(type) ? sums : null, N, 1, out, ROWS, buf);
      return;
    }
    if (path == 0 && BlockCodec.hasMin(type)) {
      for (int r = 0; r < ROWS; r++) {
        out[r] = BlockCodec.dotWithMin(type, s, r * rowBytes, x, 0, sums, 0, N);
      }
      return;
    }
    // four rows from four stretches of the matrix, as BlockDot.rows takes them
    int span = ROWS / 4;
    for (int i = 0; i < span; i++) {
      for (int k = 0; k < 4; k++) {
        long off = (k * span + i) * rowBytes;
        if (path == 0) {
          BlockCodec.dequantize(type, s, off, buf, k * N, N);
        } else {
          BlockDot.unpack(type, s, off, buf, k * N, N);
        }
      }
      BlockDot.dot4(buf, x, N, out, i, span + i, 2 * span + i, 3 * span + i);
    }
  }

  private static float[] gaussian(SplittableRandom rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rnd.nextGaussian();
    }
    return v;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
