package io.corpusforge.dedup;

import java.io.Serializable;

/**
 * LSH banding: the signature is cut into b bands of r rows; two documents become candidates when all r rows of
 * at least one band agree (AND within a band, OR across bands). For Jaccard s the candidate probability is
 * 1 - (1 - s^r)^b, an S-curve whose steep part sits near (1/b)^(1/r).
 */
public final class LshBands implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final long SEED = 0x4C534842414E4453L;
  private final int bands;
  private final int rows;

  public LshBands(int bands, int rows) {
    if (bands < 1 || rows < 1) {
      throw new IllegalArgumentException("bands and rows must be >= 1, got " + bands + " x " + rows);
    }
    this.bands = bands;
    this.rows = rows;
  }

  public int bands() {
    return bands;
  }

  public int rows() {
    return rows;
  }

  /** One key per band; the band index is part of the key, so equal rows in different bands never collide. */
  public long[] bandKeys(long[] signature) {
    if (signature.length < bands * rows) {
      throw new IllegalArgumentException("signature has " + signature.length + " hashes, bands x rows needs "
          + bands * rows);
    }
    long[] keys = new long[bands];
    for (int b = 0; b < bands; b++) {
      keys[b] = Hash64.of(signature, b * rows, rows, SEED + b);
    }
    return keys;
  }

  /** Probability that two documents of Jaccard {@code s} share at least one band. */
  public double candidateProbability(double s) {
    return 1 - Math.pow(1 - Math.pow(s, rows), bands);
  }

  /** Where the S-curve is steepest, approximately: (1/b)^(1/r). */
  public double threshold() {
    return Math.pow(1.0 / bands, 1.0 / rows);
  }

  /**
   * False-positive mass: the integral of the candidate probability over Jaccard in [0, t). It measures how much
   * verification work pairs below the threshold cause (each such candidate costs one comparison).
   */
  public double falsePositiveArea(double t) {
    return integrate(0, t, false);
  }

  /** False-negative mass: the integral of the miss probability over [t, 1]. It is lost recall. */
  public double falseNegativeArea(double t) {
    return integrate(t, 1, true);
  }

  private double integrate(double from, double to, boolean miss) {
    int steps = 1000;
    double h = (to - from) / steps;
    double sum = 0;
    for (int i = 0; i < steps; i++) {
      double s = from + (i + 0.5) * h;
      double p = candidateProbability(s);
      sum += (miss ? 1 - p : p) * h;
    }
    return sum;
  }

  /**
   * The (bands, rows) with bands x rows <= numHashes that minimizes fpWeight * FP area + fnWeight * FN area
   * around {@code threshold} (the datasketch tuning rule). Ties go to fewer bands (less shuffle).
   */
  public static LshBands optimal(int numHashes, double threshold, double fpWeight, double fnWeight) {
    LshBands best = null;
    double bestCost = Double.MAX_VALUE;
    for (int b = 1; b <= numHashes; b++) {
      for (int r = 1; b * r <= numHashes; r++) {
        LshBands c = new LshBands(b, r);
        double cost = fpWeight * c.falsePositiveArea(threshold) + fnWeight * c.falseNegativeArea(threshold);
        if (cost < bestCost - 1e-12) {
          best = c;
          bestCost = cost;
        }
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return bands + "x" + rows;
  }
}
