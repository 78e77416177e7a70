package io.corpusforge.jobs.dedup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one dedup run did; written as report.json and printed as a summary. Cluster sizes count documents
 * (exact and near duplicates together); singletons are not clusters.
 */
public record DedupReport(
    long docsIn,
    Map<String, Long> rejected,
    long exactDuplicatesRemoved,
    long nearDuplicatesRemoved,
    long docsEmptiedByParagraphs,
    long docsOut,
    long candidatePairs,
    long verifiedPairs,
    int componentRounds,
    long boilerplateParagraphs,
    long paragraphsRemoved,
    long docsWithParagraphsRemoved,
    long clusters,
    Map<String, Long> clusterSizeHistogram,
    double seconds,
    Map<String, Double> phaseSeconds,
    DedupSettings settings) {

  /** The size bucket a cluster of n documents is counted in. */
  public static String sizeBucket(long n) {
    if (n <= 4) {
      return Long.toString(n);
    }
    if (n <= 9) {
      return "5-9";
    }
    if (n <= 99) {
      return "10-99";
    }
    return n <= 999 ? "100-999" : "1000+";
  }

  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("docs_in", docsIn);
    m.put("rejected", rejected);
    m.put("exact_duplicates_removed", exactDuplicatesRemoved);
    m.put("near_duplicates_removed", nearDuplicatesRemoved);
    m.put("docs_emptied_by_paragraph_dedup", docsEmptiedByParagraphs);
    m.put("docs_out", docsOut);
    m.put("near_candidate_pairs", candidatePairs);
    m.put("near_verified_pairs", verifiedPairs);
    m.put("component_rounds", componentRounds);
    m.put("boilerplate_paragraphs", boilerplateParagraphs);
    m.put("paragraphs_removed", paragraphsRemoved);
    m.put("docs_with_paragraphs_removed", docsWithParagraphsRemoved);
    m.put("clusters", clusters);
    m.put("cluster_size_histogram", clusterSizeHistogram);
    m.put("seconds", Math.round(seconds * 10) / 10.0);
    m.put("phase_seconds", phaseSeconds);
    m.put("settings", settings);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
    } catch (Exception e) {
      throw new IllegalStateException("cannot render report", e);
    }
  }

  public String summary() {
    long rejectedTotal = rejected.values().stream().mapToLong(Long::longValue).sum();
    return String.format("""
        dedup: %,d documents in, %,d out (%.1f%% removed) in %.1f s
          rejected (bad input):     %,d %s
          exact duplicates removed: %,d
          near duplicates removed:  %,d  (%,d candidate pairs, %,d verified, components in %d rounds)
          emptied by paragraphs:    %,d
          boilerplate paragraphs:   %,d distinct; %,d lines removed from %,d documents
          clusters (size >= 2):     %,d  sizes %s
          phase seconds:            %s
        """, docsIn, docsOut, docsIn == 0 ? 0.0 : 100.0 * (docsIn - docsOut) / docsIn, seconds, rejectedTotal,
        rejected.isEmpty() ? "" : rejected.toString(), exactDuplicatesRemoved, nearDuplicatesRemoved,
        candidatePairs, verifiedPairs, componentRounds, docsEmptiedByParagraphs, boilerplateParagraphs,
        paragraphsRemoved, docsWithParagraphsRemoved, clusters, clusterSizeHistogram, phaseSeconds);
  }
}
