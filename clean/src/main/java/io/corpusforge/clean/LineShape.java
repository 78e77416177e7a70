package io.corpusforge.clean;

import java.io.Serializable;

/**
 * What a line looks like, from its characters alone: the shape tests the line rules share. Chinese prose is
 * recognised by its punctuation: a sentence ends with 。！；, or carries commas inside and is long enough to be a
 * clause; headlines, menu items, tags and captions are short and unpunctuated; teasers end with an ellipsis.
 *
 * @param bodyMinChars a line ending with sentence punctuation is prose from this many characters
 * @param bodyLongChars a line with punctuation inside (but no sentence end) is prose from this many characters
 * @param headlineMaxChars headline-like lines are at most this long
 * @param headlineMinHanShare and at least this share of their non-space characters is Han
 * @param teaserMinChars a line ending in an ellipsis is a truncated teaser from this many characters
 */
public record LineShape(int bodyMinChars, int bodyLongChars, int headlineMaxChars, double headlineMinHanShare,
    int teaserMinChars) implements Serializable {

  private static final String SENTENCE_END = "。！；.!;”\"’）)」』";
  private static final String INNER_PUNCT = "，。；！？,;!?";
  /** What list entries carry after the title: a date, a time, a view or like count ("2008-04-28 05:20", "358人气"). */
  private static final java.util.regex.Pattern LIST_STAMP = java.util.regex.Pattern.compile(
      "\\s(?:\\d+(?:\\.\\d+)?[万wk]?\\s*(?:人气|赞|阅读|评论|浏览|人看过)|(?:\\d{4}[-/.])?\\d{1,2}[-/.]\\d{1,2}"
      + "(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?)$");
  private static final java.util.regex.Pattern LIST_SUFFIX = java.util.regex.Pattern.compile(
      "\\s+(?:\\d[\\d:/.\\- ]*|\\d+(?:\\.\\d+)?[万wk]?\\s*(?:人气|赞|阅读|评论|浏览|次|人看过))$");

  /** Prose: a sentence, or a long clause with punctuation inside. Teasers are not prose. */
  public boolean isBody(String line) {
    int n = line.length();
    if (n == 0 || isTeaser(line)) {
      return false;
    }
    char last = line.charAt(n - 1);
    if (n >= bodyMinChars && SENTENCE_END.indexOf(last) >= 0) {
      return true;
    }
    return n >= bodyLongChars && hasInnerPunctuation(line);
  }

  /**
   * An entry of an article or forum list: ends with a view/like count or a date stamp ("… 358人气",
   * "… 2008-04-28 05:20"), whatever its punctuation, and is no longer than two headlines.
   */
  public boolean isListEntry(String line) {
    return line.length() <= 2 * headlineMaxChars && mayEndWithStamp(line) && LIST_STAMP.matcher(line).find();
  }

  /** The cheap test before the stamp patterns: a stamp ends with a digit or a count word's last character. */
  private static boolean mayEndWithStamp(String line) {
    char last = line.isEmpty() ? ' ' : line.charAt(line.length() - 1);
    return last >= '0' && last <= '9' || "气赞读论览过次".indexOf(last) >= 0;
  }

  /** A truncated excerpt: ends with "…" or two or more dots. */
  public boolean isTeaser(String line) {
    int n = line.length();
    if (n < teaserMinChars) {
      return false;
    }
    char last = line.charAt(n - 1);
    return last == '…' || last == '.' && n >= 2 && (line.charAt(n - 2) == '.' || line.charAt(n - 2) == '…');
  }

  /**
   * A title of a listed article, a caption or a menu entry: short, mostly Han, no punctuation inside (a final ？ or
   * ！ is allowed: listed questions), and no "key: value" colon (spec and field lines are content). A trailing date,
   * time or count (what list entries carry) is ignored.
   */
  public boolean isHeadline(String line) {
    if (mayEndWithStamp(line)) {
      line = LIST_SUFFIX.matcher(line).replaceFirst("");
    }
    int n = line.length();
    if (n < 2 || n > headlineMaxChars || isBody(line)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c == '：' || c == ':' || i < n - 1 && INNER_PUNCT.indexOf(c) >= 0) {
        return false;
      }
    }
    return hanShare(line) >= headlineMinHanShare;
  }

  static boolean hasInnerPunctuation(String line) {
    for (int i = 0; i < line.length() - 1; i++) {
      if (INNER_PUNCT.indexOf(line.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Han characters over non-space characters. */
  static double hanShare(String line) {
    int han = 0;
    int nonSpace = 0;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isWhitespace(cp) && cp != '\u3000') {
        nonSpace++;
        if (TextMetrics.isHan(cp)) {
          han++;
        }
      }
    }
    return nonSpace == 0 ? 0 : (double) han / nonSpace;
  }

  private static final java.util.regex.Pattern PII_MASK = java.util.regex.Pattern.compile("<[A-Z_]{2,}>");

  /**
   * Han characters and letters (any script) over non-space characters: what is left is digits and symbols. A PII
   * mask ({@code <PHONE>}) counts as one symbol, as the number it replaced would have.
   */
  static double wordCharShare(String line) {
    if (line.indexOf('<') >= 0) {
      line = PII_MASK.matcher(line).replaceAll("#");
    }
    int word = 0;
    int nonSpace = 0;
    for (int i = 0; i < line.length(); ) {
      int cp = line.codePointAt(i);
      i += Character.charCount(cp);
      if (!Character.isWhitespace(cp) && cp != '\u3000') {
        nonSpace++;
        if (Character.isLetter(cp)) {
          word++;
        }
      }
    }
    return nonSpace == 0 ? 0 : (double) word / nonSpace;
  }
}
