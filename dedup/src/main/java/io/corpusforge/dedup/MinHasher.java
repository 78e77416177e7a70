package io.corpusforge.dedup;

import java.io.Serializable;

/**
 * MinHash signatures: for each of k hash functions h_i(x) = mix(x XOR seed_i) (a bijection of the 64-bit shingle
 * hash), the minimum over a document's shingles. For two documents, P[sig_i(A) = sig_i(B)] = Jaccard(A, B), so the
 * fraction of equal positions estimates Jaccard with standard error sqrt(J(1-J)/k). Seeds come from a fixed seed,
 * so signatures are identical across runs and machines.
 */
public final class MinHasher implements Serializable {
  private static final long serialVersionUID = 1L;
  private final long[] seeds;

  public MinHasher(int numHashes, long seed) {
    if (numHashes < 1) {
      throw new IllegalArgumentException("number of hashes must be >= 1, got " + numHashes);
    }
    seeds = new long[numHashes];
    for (int i = 0; i < numHashes; i++) {
      seeds[i] = Hash64.seed(seed, i);
    }
  }

  public int numHashes() {
    return seeds.length;
  }

  /** The signature of a shingle set; null for an empty set (such a document has no near duplicates). */
  public long[] signature(long[] shingles) {
    if (shingles.length == 0) {
      return null;
    }
    int k = seeds.length;
    long[] sig = new long[k];
    java.util.Arrays.fill(sig, Long.MAX_VALUE);
    for (long x : shingles) {
      for (int i = 0; i < k; i++) {
        long v = Hash64.mix(x ^ seeds[i]);
        if (v < sig[i]) {
          sig[i] = v;
        }
      }
    }
    return sig;
  }

  /** Estimated Jaccard: the fraction of positions where two signatures agree. */
  public static double estimateJaccard(long[] a, long[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("signatures of different lengths: " + a.length + " vs " + b.length);
    }
    int equal = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b[i]) {
        equal++;
      }
    }
    return (double) equal / a.length;
  }
}
