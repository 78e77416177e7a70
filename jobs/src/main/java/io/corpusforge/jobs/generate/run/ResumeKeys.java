package io.corpusforge.jobs.generate.run;

import io.corpusforge.jobs.generate.text.Hashes;
import java.io.Serializable;
import java.util.Arrays;

/**
 * The rows an output directory already holds, as sorted 64-bit hashes of (id, copy type, model, template, params):
 * 8 bytes a row, so millions of keys ship to every task as one broadcast. A hash collision (odds about n²/2⁶⁴)
 * would skip one row; that is the price of not shipping the ids themselves.
 */
public final class ResumeKeys implements Serializable {
  private static final ResumeKeys NONE = new ResumeKeys(new long[0]);
  private final long[] sorted;

  private ResumeKeys(long[] sorted) {
    this.sorted = sorted;
  }

  public static ResumeKeys none() {
    return NONE;
  }

  public static ResumeKeys of(long[] keys) {
    long[] copy = keys.clone();
    Arrays.sort(copy);
    return new ResumeKeys(copy);
  }

  public boolean contains(long key) {
    return Arrays.binarySearch(sorted, key) >= 0;
  }

  public int size() {
    return sorted.length;
  }

  public static long key(String id, String copyType, String modelSha256, String templateHash, String paramsHash) {
    return Hashes.long64(id, copyType, modelSha256, templateHash, paramsHash);
  }
}
