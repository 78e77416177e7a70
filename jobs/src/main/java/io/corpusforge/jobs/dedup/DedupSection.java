package io.corpusforge.jobs.dedup;

import io.corpusforge.jobs.stage.StageSection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dedup stage's section of report.json ({@code "dedup": {...}}) and its summary lines; documents in and out,
 * rejects, times and settings are in the common header. Cluster sizes count documents (exact and near duplicates
 * together); singletons are not clusters.
 */
public record DedupSection(
    long exactDuplicatesRemoved,
    long nearDuplicatesRemoved,
    long docsEmptiedByParagraphs,
    long candidatePairs,
    long verifiedPairs,
    int componentRounds,
    long boilerplateParagraphs,
    long paragraphsRemoved,
    long docsWithParagraphsRemoved,
    long clusters,
    Map<String, Long> clusterSizeHistogram) implements StageSection {

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

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("exact_duplicates_removed", exactDuplicatesRemoved);
    m.put("near_duplicates_removed", nearDuplicatesRemoved);
    m.put("docs_emptied_by_paragraph_dedup", docsEmptiedByParagraphs);
    m.put("near_candidate_pairs", candidatePairs);
    m.put("near_verified_pairs", verifiedPairs);
    m.put("component_rounds", componentRounds);
    m.put("boilerplate_paragraphs", boilerplateParagraphs);
    m.put("paragraphs_removed", paragraphsRemoved);
    m.put("docs_with_paragraphs_removed", docsWithParagraphsRemoved);
    m.put("clusters", clusters);
    m.put("cluster_size_histogram", clusterSizeHistogram);
    return m;
  }

  @Override
  public List<String> summaryLines() {
    return List.of(
        String.format(Locale.ROOT, "exact duplicates removed: %,d", exactDuplicatesRemoved),
        String.format(Locale.ROOT, "near duplicates removed:  %,d  (%,d candidate pairs, %,d verified, components in "
            + "%d rounds)", nearDuplicatesRemoved, candidatePairs, verifiedPairs, componentRounds),
        String.format(Locale.ROOT, "emptied by paragraphs:    %,d", docsEmptiedByParagraphs),
        String.format(Locale.ROOT, "boilerplate paragraphs:   %,d distinct; %,d lines removed from %,d documents",
            boilerplateParagraphs, paragraphsRemoved, docsWithParagraphsRemoved),
        String.format(Locale.ROOT, "clusters (size >= 2):     %,d  sizes %s", clusters, clusterSizeHistogram));
  }
}
