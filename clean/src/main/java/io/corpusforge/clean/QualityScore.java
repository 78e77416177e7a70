package io.corpusforge.clean;

import java.io.Serializable;

/**
 * A kept document's quality, 0–1, from the signals the rules leave behind: the share of the normalized text's
 * characters that survived the line rules ({@code survived}: pages that needed much removal — boilerplate, spam,
 * lists — score lower), the Han share of the result ({@code han}), and the share of its characters in prose lines
 * ({@code prose}: {@link LineShape#isBody}, or at least {@code proseLongLineChars} long — a paragraph without
 * punctuation is still running text, and so is one long teaser alone; lists, tables and fragments score lower). The
 * score is {@code survived^survivedWeight × han^hanWeight × prose^proseWeight}; a document scoring below {@code minScore}
 * is rejected with reason {@value #REASON}. The dedup job keeps the highest-scoring copy.
 */
public record QualityScore(LineShape shape, int proseLongLineChars, double survivedWeight, double hanWeight, double proseWeight,
    double minScore) implements Serializable {
  public static final String REASON = "quality-score";

  /** The score before issue 16 (survived × Han share), rejecting nothing: for chains built without the setting. */
  public static final QualityScore SURVIVED_TIMES_HAN = new QualityScore(null, 0, 1, 1, 0, 0);

  public double score(String normalized, String cleaned) {
    long before = TextMetrics.withoutWhitespace(normalized).length();
    if (before == 0) {
      return 0;
    }
    long after = TextMetrics.withoutWhitespace(cleaned).length();
    double survived = Math.min(1.0, (double) after / before);
    double s = Math.pow(survived, survivedWeight) * Math.pow(TextMetrics.hanRatio(cleaned), hanWeight);
    if (proseWeight != 0) {
      s *= Math.pow(proseShare(cleaned, after), proseWeight);
    }
    return Math.round(s * 1e6) / 1e6;
  }

  private double proseShare(String cleaned, long nonSpace) {
    if (nonSpace == 0) {
      return 0;
    }
    String[] lines = cleaned.split("\n");
    boolean[] teaser = new boolean[lines.length];
    int teasers = 0;
    for (int i = 0; i < lines.length; i++) {
      lines[i] = lines[i].strip();
      teaser[i] = shape.isTeaser(lines[i]);
      teasers += teaser[i] ? 1 : 0;
    }
    long prose = 0;
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i];
      // long teasers, several of them, are excerpts of other pages; one alone is this text cut short (a feed's
      // excerpt, a summary page) and is running text
      if (t.length() >= proseLongLineChars && (teasers <= 1 || !teaser[i]) || shape.isBody(t) || shape.isSpec(t)) {
        prose += TextMetrics.withoutWhitespace(t).length();
      }
    }
    return (double) prose / nonSpace;
  }
}
