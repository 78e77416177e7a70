package io.corpusforge.jobs.vocab;

/**
 * Which documents are held out of training for evaluation: decided by the id alone (a mixed String.hashCode,
 * which Java specifies exactly), so a document is on the same side in every run, on every machine, whatever the
 * partitioning.
 */
public final class HeldOutSplit {
  private HeldOutSplit() {}

  public static boolean isHeldOut(String id, int perMille) {
    if (perMille <= 0 || id == null) {
      return false;
    }
    long h = id.hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 32;
    return Math.floorMod(h, 1000L) < perMille;
  }
}
