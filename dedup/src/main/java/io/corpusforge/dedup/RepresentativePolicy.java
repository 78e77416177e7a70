package io.corpusforge.dedup;

import java.util.Comparator;

/**
 * Which document of a duplicate cluster is kept: the highest quality score (missing scores rank last), then the
 * longest text, then the smallest id. A total order over distinct ids, so the choice never depends on input order.
 */
public final class RepresentativePolicy {
  /** What the policy looks at. */
  public record Candidate(String id, Double qualityScore, long length) {}

  /** Orders the best candidate first. */
  public static final Comparator<Candidate> BEST_FIRST = Comparator
      .comparing((Candidate c) -> c.qualityScore() == null ? Double.NEGATIVE_INFINITY : c.qualityScore(),
          Comparator.reverseOrder())
      .thenComparing(Candidate::length, Comparator.reverseOrder())
      .thenComparing(Candidate::id);

  private RepresentativePolicy() {}
}
