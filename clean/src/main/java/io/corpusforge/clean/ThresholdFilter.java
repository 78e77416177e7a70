package io.corpusforge.clean;

import java.io.Serializable;

/**
 * A quality filter: measures one number about the document and rejects it outside {@code [min, max]}. Every
 * Gopher-style filter of the chain is one of these with its own metric, so they report alike.
 */
public record ThresholdFilter(String name, Metric metric, double min, double max) implements Rule {
  /** A pure measurement of a text. */
  @FunctionalInterface
  public interface Metric extends Serializable {
    double measure(String text);
  }

  @Override
  public RuleResult apply(String text) {
    double value = metric.measure(text);
    if (value < min) {
      return new RuleResult.Drop(value, "below minimum " + min);
    }
    if (value > max) {
      return new RuleResult.Drop(value, "above maximum " + max);
    }
    return RuleResult.KEEP;
  }
}
