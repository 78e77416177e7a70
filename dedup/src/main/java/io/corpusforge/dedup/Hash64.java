package io.corpusforge.dedup;

/**
 * The 64-bit hashing every dedup key is built from. Fixed constants, no JVM {@code hashCode()}, so keys are the
 * same on every machine, run and partitioning.
 */
public final class Hash64 {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Hash64() {}

  /** Stafford's variant 13 of the MurmurHash3 finalizer: a bijection on 64-bit values with full avalanche. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Hash of {@code length} code points starting at {@code from}, under {@code seed}. */
  public static long of(int[] codePoints, int from, int length, long seed) {
    long h = mix(seed ^ length);
    for (int i = from; i < from + length; i++) {
      h = mix(h + GOLDEN + codePoints[i]);
    }
    return h;
  }

  /** Hash of a sequence of longs (e.g. one LSH band), under {@code seed}. */
  public static long of(long[] values, int from, int length, long seed) {
    long h = mix(seed ^ length);
    for (int i = from; i < from + length; i++) {
      h = mix(h + GOLDEN + values[i]);
    }
    return h;
  }

  /** The {@code i}-th value of a SplitMix64 stream started at {@code seed}: reproducible independent seeds. */
  public static long seed(long seed, int i) {
    return mix(seed + GOLDEN * (i + 1L));
  }

  /** 128-bit hash of a string's code points as 32 hex digits: the exact-duplicate key. */
  public static String hex128(String s) {
    int[] cps = s.codePoints().toArray();
    return String.format("%016x%016x", of(cps, 0, cps.length, 0x243F6A8885A308D3L),
        of(cps, 0, cps.length, 0x13198A2E03707344L));
  }
}
