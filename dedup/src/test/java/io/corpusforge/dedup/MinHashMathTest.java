package io.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class MinHashMathTest {
  /** Two shingle sets of sizes giving an exact Jaccard of common / (common + onlyA + onlyB). */
  private static long[][] sets(int common, int onlyA, int onlyB, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] c = LongStream.generate(rnd::nextLong).limit(common + onlyA + onlyB).toArray();
    long[] a = LongStream.concat(Arrays.stream(c, 0, common), Arrays.stream(c, common, common + onlyA))
        .sorted().toArray();
    long[] b = LongStream.concat(Arrays.stream(c, 0, common), Arrays.stream(c, common + onlyA, c.length))
        .sorted().toArray();
    return new long[][] {a, b};
  }

  @Test
  void estimatedJaccardTracksExactWithinThreeStandardErrors() {
    MinHasher hasher = new MinHasher(256, 42);
    int[][] shapes = {{900, 50, 50}, {800, 100, 100}, {600, 200, 200}, {300, 350, 350}, {50, 475, 475}};
    double meanAbsError = 0;
    int trials = 0;
    for (int[] s : shapes) {
      for (int t = 0; t < 20; t++) {
        long[][] ab = sets(s[0], s[1], s[2], 1000L * t + s[0]);
        double exact = Shingler.jaccard(ab[0], ab[1]);
        double est = MinHasher.estimateJaccard(hasher.signature(ab[0]), hasher.signature(ab[1]));
        double se = Math.sqrt(exact * (1 - exact) / 256);
        assertTrue(Math.abs(est - exact) <= 3 * se + 1e-9,
            "exact " + exact + " estimated " + est + " (3 se = " + 3 * se + ")");
        meanAbsError += Math.abs(est - exact);
        trials++;
      }
    }
    // unbiased on average: mean absolute error well under one standard error at J=0.5 (0.031)
    assertTrue(meanAbsError / trials < 0.025, "mean abs error " + meanAbsError / trials);
  }

  @Test
  void signaturesAreDeterministicAndSeedDependent() {
    long[] s = sets(100, 10, 10, 7)[0];
    assertArrayEquals(new MinHasher(64, 1).signature(s), new MinHasher(64, 1).signature(s));
    assertTrue(!Arrays.equals(new MinHasher(64, 1).signature(s), new MinHasher(64, 2).signature(s)));
    assertNull(new MinHasher(64, 1).signature(new long[0]));
  }

  @Test
  void identicalSetsEstimateOne() {
    long[] s = sets(100, 0, 0, 3)[0];
    MinHasher h = new MinHasher(128, 9);
    assertEquals(1.0, MinHasher.estimateJaccard(h.signature(s), h.signature(s.clone())));
  }

  @Test
  void candidateRateFollowsTheSCurve() {
    MinHasher hasher = new MinHasher(128, 7);
    LshBands lsh = new LshBands(16, 8);
    for (double target : new double[] {0.3, 0.6, 0.7, 0.8, 0.9}) {
      int common = (int) Math.round(1000 * target);
      int only = (1000 - common) / 2;
      int hits = 0;
      int n = 300;
      double exact = 0;
      for (int t = 0; t < n; t++) {
        long[][] ab = sets(common, only, only, 31L * t + common);
        exact = Shingler.jaccard(ab[0], ab[1]);
        long[] ka = lsh.bandKeys(hasher.signature(ab[0]));
        long[] kb = lsh.bandKeys(hasher.signature(ab[1]));
        for (int b = 0; b < ka.length; b++) {
          if (ka[b] == kb[b]) {
            hits++;
            break;
          }
        }
      }
      double expected = lsh.candidateProbability(exact);
      double se = Math.sqrt(expected * (1 - expected) / n);
      assertEquals(expected, (double) hits / n, 4 * se + 0.01, "candidate rate at J=" + exact);
    }
  }

  @Test
  void sCurveIsMonotoneAndTuningPutsTheThresholdNearTarget() {
    LshBands lsh = new LshBands(20, 5);
    double prev = 0;
    for (double s = 0; s <= 1.0001; s += 0.05) {
      double p = lsh.candidateProbability(s);
      assertTrue(p >= prev);
      prev = p;
    }
    LshBands tuned = LshBands.optimal(128, 0.8, 0.5, 0.5);
    assertTrue(tuned.bands() * tuned.rows() <= 128);
    assertTrue(Math.abs(tuned.threshold() - 0.8) < 0.08, "tuned " + tuned + " threshold " + tuned.threshold());
    // weighting false negatives more moves the curve left (lower threshold, higher recall at 0.8)
    LshBands recallFirst = LshBands.optimal(128, 0.8, 0.1, 0.9);
    assertTrue(recallFirst.candidateProbability(0.8) > tuned.candidateProbability(0.8));
  }

  @Test
  void bandKeysDifferAcrossBandsForEqualRows() {
    long[] sig = new long[8];
    long[] keys = new LshBands(2, 4).bandKeys(sig);
    assertTrue(keys[0] != keys[1]);
  }
}
