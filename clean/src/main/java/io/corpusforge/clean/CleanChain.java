package io.corpusforge.clean;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ordered rules of the clean job, applied to one document at a time. Pure; no Spark. */
public final class CleanChain implements Serializable {
  private final List<Rule> rules;
  private final QualityScore quality;

  public CleanChain(List<Rule> rules) {
    this(rules, QualityScore.SURVIVED_TIMES_HAN);
  }

  public CleanChain(List<Rule> rules, QualityScore quality) {
    this.rules = List.copyOf(rules);
    this.quality = quality;
  }

  /** The text once the leading rewrites (markup, encoding debris, normalization) ran: what line counting sees. */
  public String normalize(String original) {
    String text = original;
    for (Rule rule : rules) {
      if (!(rule instanceof RewriteRule)) {
        break;
      }
      if (rule.apply(text) instanceof RuleResult.Edit e) {
        text = e.text();
      }
    }
    return text;
  }

  public List<Rule> rules() {
    return rules;
  }

  public List<String> ruleNames() {
    return rules.stream().map(Rule::name).toList();
  }

  public CleanOutcome process(String original) {
    return process(original, DocContext.NONE);
  }

  public CleanOutcome process(String original, DocContext context) {
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
        result = rule.apply(text, context);
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
    double score = quality.score(normalized == null ? text : normalized, text);
    if (score < quality.minScore()) {
      return new CleanOutcome(false, text, editedBy, QualityScore.REASON, score,
          "below minimum " + quality.minScore(), 0, counters);
    }
    return new CleanOutcome(true, text, editedBy, null, Double.NaN, null, score, counters);
  }
}
