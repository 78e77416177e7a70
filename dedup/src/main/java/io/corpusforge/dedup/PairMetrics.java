package io.corpusforge.dedup;

import java.util.HashMap;
import java.util.Map;

/**
 * Pair-counting precision, recall and F1 of a clustering against a reference: a pair of documents is positive
 * when both sit in the same cluster. Computed from cluster sizes (no pair enumeration), so it scales to millions of
 * documents. Both maps must have the same key set.
 */
public record PairMetrics(long truePairs, long predictedPairs, long correctPairs) {

  public static PairMetrics of(Map<String, String> truthCluster, Map<String, String> predictedCluster) {
    if (!truthCluster.keySet().equals(predictedCluster.keySet())) {
      throw new IllegalArgumentException("truth and prediction cover different documents: "
          + truthCluster.size() + " vs " + predictedCluster.size());
    }
    Map<String, Long> truthSizes = new HashMap<>();
    Map<String, Long> predSizes = new HashMap<>();
    Map<String, Long> cellSizes = new HashMap<>();
    for (var e : truthCluster.entrySet()) {
      String t = e.getValue();
      String p = predictedCluster.get(e.getKey());
      truthSizes.merge(t, 1L, Long::sum);
      predSizes.merge(p, 1L, Long::sum);
      cellSizes.merge(t + '\u0000' + p, 1L, Long::sum);
    }
    return new PairMetrics(pairs(truthSizes), pairs(predSizes), pairs(cellSizes));
  }

  private static long pairs(Map<String, Long> sizes) {
    return sizes.values().stream().mapToLong(n -> n * (n - 1) / 2).sum();
  }

  /** 1.0 when nothing was predicted (no false positives). */
  public double precision() {
    return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
  }

  /** 1.0 when there was nothing to find. */
  public double recall() {
    return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  @Override
  public String toString() {
    return String.format("P=%.4f R=%.4f F1=%.4f (true pairs %d, predicted %d, correct %d)", precision(), recall(),
        f1(), truePairs, predictedPairs, correctPairs);
  }
}
