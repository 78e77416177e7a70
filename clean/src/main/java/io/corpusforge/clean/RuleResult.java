package io.corpusforge.clean;

import java.util.Map;

/** What a {@link Rule} decided about one document. */
public sealed interface RuleResult {
  RuleResult KEEP = new Keep();

  /** Unchanged. */
  record Keep() implements RuleResult {}

  /**
   * The text was changed. {@code counts} says what changed, e.g. {@code lines=3} or {@code PHONE=2}; the report
   * sums them per rule.
   */
  record Edit(String text, Map<String, Long> counts) implements RuleResult {}

  /** The document is rejected; {@code value} is the measurement that failed the threshold. */
  record Drop(double value, String detail) implements RuleResult {}

  static RuleResult editedOrKeep(String before, String after, String countKey, long count) {
    return before.equals(after) ? KEEP : new Edit(after, Map.of(countKey, count));
  }

  static RuleResult editedOrKeep(String before, String after) {
    return editedOrKeep(before, after, "docs", 1);
  }
}
