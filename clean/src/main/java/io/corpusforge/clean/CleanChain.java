package io.corpusforge.clean;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ordered rules of the clean job, applied to one document at a time. Pure; no Spark. */
public final class CleanChain implements Serializable {
  private final List<Rule> rules;

  public CleanChain(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public List<Rule> rules() {
    return rules;
  }

  public List<String> ruleNames() {
    return rules.stream().map(Rule::name).toList();
  }

  public CleanOutcome process(String original) {
    String text = original;
    String normalized = null;  // the text once markup and encoding debris are gone: the quality score's baseline
    List<String> editedBy = new ArrayList<>();
    Map<String, Long> counters = new LinkedHashMap<>();
    for (Rule rule : rules) {
      if (normalized == null && !(rule instanceof RewriteRule)) {
        normalized = text;
      }
      RuleResult result;
      try {
        result = rule.apply(text);
      } catch (RuntimeException | StackOverflowError e) {
        // A rule must never take the job down: the document is rejected, naming the rule and the failure.
        return new CleanOutcome(false, text, editedBy, "rule-failed", Double.NaN,
            rule.name() + ": " + e, 0, counters);
      }
      switch (result) {
        case RuleResult.Keep k -> { }
        case RuleResult.Edit e -> {
          text = e.text();
          editedBy.add(rule.name());
          e.counts().forEach((key, n) -> counters.merge(rule.name() + "." + key, n, Long::sum));
        }
        case RuleResult.Drop d -> {
          return new CleanOutcome(false, text, editedBy, rule.name(), d.value(), d.detail(), 0, counters);
        }
      }
    }
    return new CleanOutcome(true, text, editedBy, null, Double.NaN, null,
        qualityScore(normalized == null ? text : normalized, text), counters);
  }

  /**
   * The share of the normalized text's characters that survived the line and content rules, times the Han share
   * of the result: pages that needed much removal (ads, boilerplate, repeats) score lower than clean copies.
   */
  static double qualityScore(String normalized, String cleaned) {
    long before = TextMetrics.withoutWhitespace(normalized).length();
    if (before == 0) {
      return 0;
    }
    double survived = Math.min(1.0, (double) TextMetrics.withoutWhitespace(cleaned).length() / before);
    return Math.round(survived * TextMetrics.hanRatio(cleaned) * 1e6) / 1e6;
  }
}
