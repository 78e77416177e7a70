package io.corpusforge.jobs.generate.check;

import io.corpusforge.clean.PiiMasker;
import io.corpusforge.jobs.generate.EnumNames;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks every generated text goes through: Advertising-Law extreme words, personal data (the clean job's
 * {@link PiiMasker}), empty output, looping output and broken characters. Each problem is a flag
 * ({@code extreme-word:最佳}, {@code pii:PHONE}, {@code empty}, {@code repetitive}, {@code invalid-chars});
 * {@link #redact} removes what can be removed.
 */
public final class CopyChecks implements Serializable {
  /** What the job does about a problem. */
  public enum Policy {
    /** keep the text, record the flags */
    FLAG,
    /** remove extreme words and mask personal data; empty or repetitive text is only flagged */
    REDACT,
    /** generate once more with another seed; if the problem stays, flag it */
    REGENERATE;

    public static Policy parse(String s) {
      return EnumNames.parse(Policy.class, "check policy", s);
    }
  }

  private final ExtremeWords extremeWords;
  private final PiiMasker pii;
  private final int repetitionNgram;
  private final double minDistinctRatio;
  private final int repetitionMinChars;

  public CopyChecks(ExtremeWords extremeWords, PiiMasker pii, int repetitionNgram, double minDistinctRatio,
      int repetitionMinChars) {
    this.extremeWords = extremeWords;
    this.pii = pii;
    this.repetitionNgram = repetitionNgram;
    this.minDistinctRatio = minDistinctRatio;
    this.repetitionMinChars = repetitionMinChars;
  }

  public List<String> flags(String text) {
    List<String> flags = new ArrayList<>();
    if (text == null || text.isBlank()) {
      flags.add("empty");
      return flags;
    }
    for (String w : extremeWords.find(text)) {
      flags.add("extreme-word:" + w);
    }
    pii.mask(text).counts().keySet().forEach(t -> flags.add("pii:" + t.name()));
    if (hasInvalidChars(text)) {
      flags.add("invalid-chars");
    }
    if (text.codePointCount(0, text.length()) >= repetitionMinChars
        && Repetition.distinctRatio(text, repetitionNgram) < minDistinctRatio) {
      flags.add("repetitive");
    }
    return flags;
  }

  /** Personal data masked ({@code <PHONE>} ...), extreme words and invalid characters removed. */
  public String redact(String text) {
    return removeInvalidChars(extremeWords.redact(pii.mask(text).text()));
  }

  /**
   * Replacement characters (a token cut inside a UTF-8 sequence decodes to U+FFFD), control characters other than
   * line breaks and tabs, and lone surrogates: never part of good copy.
   */
  static boolean hasInvalidChars(String text) {
    return text.codePoints().anyMatch(CopyChecks::invalid);
  }

  static String removeInvalidChars(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().filter(cp -> !invalid(cp)).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  private static boolean invalid(int cp) {
    return cp == 0xFFFD || (Character.isISOControl(cp) && cp != '\n' && cp != '\t')
        || Character.isSurrogate((char) cp) && cp <= 0xFFFF;
  }
}
