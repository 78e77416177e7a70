package io.corpusforge.jobs.generate.prompt;

import io.corpusforge.jobs.generate.EnumNames;
import java.io.Serializable;

/**
 * The shape and length rules of one copy type. For {@link Shape#LIST} the character limits apply to each item and
 * {@code minItems..maxItems} to their count; otherwise to the whole text.
 */
public record CopySpec(String name, Shape shape, int minChars, int maxChars, int minItems, int maxItems,
    LengthPolicy lengthPolicy) implements Serializable {

  public CopySpec {
    if (maxChars <= 0 || minChars < 0 || minChars > maxChars) {
      throw new IllegalArgumentException(name + ": need 0 <= min-chars <= max-chars and max-chars > 0");
    }
    if (shape == Shape.LIST && (minItems < 1 || maxItems < minItems)) {
      throw new IllegalArgumentException(name + ": need 1 <= min-items <= max-items");
    }
  }

  /** How generated text is read. */
  public enum Shape {
    /** the first non-empty line, without quotes or a trailing full stop: titles */
    LINE,
    /** one item per line, bullets and numbering removed: selling points */
    LIST,
    /** the whole text: scripts, summaries */
    TEXT;

    public static Shape parse(String s) {
      return EnumNames.parse(Shape.class, "shape", s);
    }
  }

  /** What happens to text outside the length limits. */
  public enum LengthPolicy {
    /** cut at a sentence (or clause) boundary; too short is flagged */
    CUT,
    /** generate once more with another seed, then cut / flag as for CUT */
    REGENERATE;

    public static LengthPolicy parse(String s) {
      return EnumNames.parse(LengthPolicy.class, "length policy", s);
    }
  }
}
