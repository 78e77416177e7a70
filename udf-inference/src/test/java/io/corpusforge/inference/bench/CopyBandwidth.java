package io.corpusforge.inference.bench;

import java.util.Arrays;

/**
 * This machine's memory copy bandwidth, for the bandwidth view of decode speed (weight bytes read per second): copies
 * a 256 MiB array (out of every cache) with {@code System.arraycopy}, median of ROUNDS. Prints bytes copied per
 * second (each byte is read once and written once).
 *
 * <pre>java ... bench.CopyBandwidth [ROUNDS=9]</pre>
 */
public final class CopyBandwidth {
  private CopyBandwidth() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    long[] a = new long[32 << 20];
    long[] b = new long[a.length];
    Arrays.fill(a, 1);
    double[] gbs = new double[rounds];
    for (int r = -2; r < rounds; r++) {
      long t0 = System.nanoTime();
      System.arraycopy(a, 0, b, 0, a.length);
      long t1 = System.nanoTime();
      if (r >= 0) {
        gbs[r] = a.length * 8.0 / (t1 - t0);
      }
    }
    Arrays.sort(gbs);
    System.out.printf("memory copy: %.2f GB/s copied (median of %d, 256 MiB arrays; min %.2f max %.2f)%n",
        gbs[rounds / 2], rounds, gbs[0], gbs[rounds - 1]);
  }
}
