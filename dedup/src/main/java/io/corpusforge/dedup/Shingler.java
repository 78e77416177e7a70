package io.corpusforge.dedup;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Character n-gram shingles of normalized text, as distinct 64-bit hashes (sorted). Chinese has no spaces, so
 * character n-grams stand in for word shingles; 5-grams of Chinese characters are roughly 2–3 words. A text
 * shorter than n but not empty is one shingle (itself), so short documents can still match their exact copies.
 */
public final class Shingler implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long SEED = 0x5348494E474C4531L;
  private final int n;

  public Shingler(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("shingle size must be >= 1, got " + n);
    }
    this.n = n;
  }

  public int size() {
    return n;
  }

  /** Distinct shingle hashes of already-normalized code points, sorted ascending. */
  public long[] shingles(int[] codePoints) {
    if (codePoints.length == 0) {
      return new long[0];
    }
    if (codePoints.length <= n) {
      return new long[] {Hash64.of(codePoints, 0, codePoints.length, SEED)};
    }
    long[] out = new long[codePoints.length - n + 1];
    for (int i = 0; i < out.length; i++) {
      out[i] = Hash64.of(codePoints, i, n, SEED);
    }
    Arrays.sort(out);
    int distinct = 0;
    for (int i = 0; i < out.length; i++) {
      if (i == 0 || out[i] != out[i - 1]) {
        out[distinct++] = out[i];
      }
    }
    return Arrays.copyOf(out, distinct);
  }

  /** Exact Jaccard similarity of two sorted distinct shingle arrays (1.0 when both are empty). */
  public static double jaccard(long[] a, long[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1.0;
    }
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) common / (a.length + b.length - common);
  }
}
