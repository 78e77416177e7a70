package io.corpusforge.inference.cpu;

import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.TensorEncoder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The integer Q8_0 x Q8_0 prototype ({@link BlockDot#dotQ8Q8Rows}) against the float path the engine runs
 * ({@link BlockDot#rows}, one token) on Q8_0 matrices of an FFN's shape (3072 x 1024), {@code MATRICES} of them
 * (default 8, 53 MB: out of cache, as in decoding), one thread. Prints GB/s of weights and the max difference.
 *
 * <pre>java ... cpu.Int8DotBench [MATRICES=8] [ROUNDS=30]</pre>
 */
public final class Int8DotBench {
  private Int8DotBench() {}

  public static void main(String[] args) {
    int matrices = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int rows = 3072;
    int n = 1024;
    SplittableRandom rnd = new SplittableRandom(3);
    float[] w = new float[rows * n];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) rnd.nextGaussian();
    }
    byte[] one = TensorEncoder.encode(GgmlType.Q8_0, w);
    MemorySegment seg = Arena.ofAuto().allocate((long) one.length * matrices, 64);
    for (int m = 0; m < matrices; m++) {
      MemorySegment.copy(MemorySegment.ofArray(one), 0, seg, (long) m * one.length, one.length);
    }
    long rowBytes = one.length / rows;
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    float[] xr = x.clone();
    BlockCodec.roundActivations(BlockCodec.ActivationRounding.Q8_0, xr, 0, n);
    byte[] xq = new byte[n];
    float[] xd = new float[n / 32];
    float[] outF = new float[rows];
    float[] outI = new float[rows];
    double[] fl = new double[rounds];
    double[] in = new double[rounds];
    for (int r = -5; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (int m = 0; m < matrices; m++) {
        MemorySegment s = seg.asSlice((long) m * one.length, one.length);
        BlockDot.rows(GgmlType.Q8_0, s, rowBytes, 0, rows, xr, null, n, 1, outF, rows, null);
      }
      long t1 = System.nanoTime();
      for (int m = 0; m < matrices; m++) {
        MemorySegment s = seg.asSlice((long) m * one.length, one.length);
        BlockDot.quantizeQ8_0(x, 0, n, xq, xd); // once per matrix here; once per step in an engine
        int span = rows / 4;
        for (int i = 0; i < span; i++) {
          BlockDot.dotQ8Q8Rows(s, i * rowBytes, (span + i) * rowBytes, (2 * span + i) * rowBytes,
              (3 * span + i) * rowBytes, xq, xd, n, outI, i, span + i, 2 * span + i, 3 * span + i);
        }
      }
      long t2 = System.nanoTime();
      if (r >= 0) {
        fl[r] = (double) one.length * matrices / (t1 - t0);
        in[r] = (double) one.length * matrices / (t2 - t1);
      }
    }
    double maxDiff = 0;
    for (int i = 0; i < rows; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(outF[i] - outI[i]));
    }
    Arrays.sort(fl);
    Arrays.sort(in);
    System.out.printf("Q8_0 single-token product, %d x %dx%d, 1 thread: float path %.2f GB/s, int8 path %.2f GB/s "
        + "(medians of %d), int8/float %.2fx, max |diff| %.2e%n", matrices, rows, n, fl[rounds / 2], in[rounds / 2],
        rounds, in[rounds / 2] / fl[rounds / 2], maxDiff);
  }
}
