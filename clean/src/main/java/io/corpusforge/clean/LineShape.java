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
 * @param spec what makes a line a product's spec or feature line ({@link #isSpec}): a quantity with a unit, or a
 *     spec key before a colon; built from {@code line-shape.spec-units} and {@code spec-keys} by {@link #specPattern}
 * @param leadIn a line of at least bodyMinChars ending with "：" is prose when this finds a lead-in word in it (a
 *     sentence introducing what follows, "下面是…的教程：", not a field label); from {@code lead-in-words}
 */
public record LineShape(int bodyMinChars, int bodyLongChars, int headlineMaxChars, double headlineMinHanShare,
    int teaserMinChars, java.util.regex.Pattern spec, java.util.regex.Pattern leadIn) implements Serializable {

  private static final String SENTENCE_END = "。！；.!;”\"’）)」』";
  /** Enumeration markers that start a list item of the text itself: "1、", "2.", "（3）", "一、", "①". */
  private static final java.util.regex.Pattern ENUMERATED = java.util.regex.Pattern.compile(
      "^(?:\\d{1,2}\\s*[、.．）)](?!\\d)|[（(]\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,3})\\s*[)）]|[一二三四五六七八九十]{1,3}\\s*[、.．]"
      + "|[\u2460-\u2473\u2776-\u277f])");
  private static final String INNER_PUNCT = "，。；！？,;!?";
  /** What list entries carry after the title: a date, a time, a view or like count ("2008-04-28 05:20", "358人气"). */
  private static final java.util.regex.Pattern LIST_STAMP = java.util.regex.Pattern.compile(
      "\\s(?:\\d+(?:\\.\\d+)?[万wk]?\\s*(?:人气|赞|阅读|评论|浏览|人看过)|(?:\\d{4}[-/.])?\\d{1,2}[-/.]\\d{1,2}"
      + "(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?|\\d{4}年\\d{1,2}月\\d{1,2}日(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?)$");
  private static final java.util.regex.Pattern LIST_SUFFIX = java.util.regex.Pattern.compile(
      "\\s+(?:\\d[\\d:/.\\- ]*|\\d{4}年\\d{1,2}月\\d{1,2}日(?:\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)?|\\d+(?:\\.\\d+)?[万wk]?\\s*(?:人气|赞|阅读|评论|浏览|次|人看过))$");

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
    if (last == '：' && n >= bodyMinChars && leadIn.matcher(line).find()) {
      return true;
    }
    return n >= bodyLongChars && hasInnerPunctuation(line);
  }

  /**
   * "标题(另一个标题)": a closing bracket after text without any punctuation. Prose for the position rules (a
   * product line or a list item may end so, and they lean to keeping), but headline-like in a run of list titles.
   */
  private static boolean isBracketedTitle(String line) {
    char last = line.charAt(line.length() - 1);
    return (last == ')' || last == '）') && !hasInnerPunctuation(line);
  }

  /**
   * A spec or feature line of a product: it carries a quantity with a unit ("120MHz", "2.4V ~ 3.6V", "7 x 7 mm",
   * "3.1米") or starts with a spec key and a colon ("内胆材质：…", "额定功率 750W"). Such lines are short and
   * unpunctuated like chrome, but they are the page's content: the position rules keep them.
   */
  public boolean isSpec(String line) {
    return spec != null && mayBeSpec(line) && spec.matcher(line).find();
  }

  /** The cheap test before the pattern: a quantity has a digit, a spec key a colon. */
  private static boolean mayBeSpec(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c >= '0' && c <= '9' || c == ':' || c == '：') {
        return true;
      }
    }
    return false;
  }

  /** A list item of the text itself, by its enumeration marker ("1、", "2.", "（3）", "一、", "①"). */
  public static boolean isEnumerated(String line) {
    return ENUMERATED.matcher(line).find();
  }

  /** An item of a list: enumerated ({@link #isEnumerated}) or bulleted ("- ", "• ", "● "). */
  public static boolean isListItem(String line) {
    return !line.isEmpty() && "-•●·◆■▪".indexOf(line.charAt(0)) >= 0 || isEnumerated(line);
  }

  /**
   * The pattern behind {@link #isSpec}: a number (or a range or product of numbers: "40 ~ +105", "5070*1765*2490")
   * followed by one of {@code units}, not inside a longer Latin word; or one of {@code keys} (possibly after a
   * qualifier of up to 6 Han characters: "内胆材质") right before a colon at the line's start.
   */
  public static java.util.regex.Pattern specPattern(java.util.List<String> units, java.util.List<String> keys) {
    String num = "[+-]?\\d+(?:[.,]\\d+)*";
    String unit = alternation(units);
    String quantity = "(?<![A-Za-z0-9])" + num + "\\s*(?:(?:[-~～/×xX*])\\s*" + num + "\\s*)*(?:" + unit + ")(?![A-Za-z])";
    if (keys.isEmpty()) {
      return java.util.regex.Pattern.compile(quantity);
    }
    String key = "^[●·•◆■\\-*]?\\s*\\p{IsHan}{0,6}(?:" + alternation(keys) + ")\\s*[:：]";
    return java.util.regex.Pattern.compile(quantity + "|" + key);
  }

  /** Finds any of {@code words} (never matches when there are none). */
  public static java.util.regex.Pattern anyOf(java.util.List<String> words) {
    return java.util.regex.Pattern.compile(words.isEmpty() ? "(?!)" : alternation(words));
  }

  /** Longest first, so that "MHz" is tried before "Hz" and "mm" before "m". */
  private static String alternation(java.util.List<String> words) {
    return words.stream().sorted(java.util.Comparator.comparingInt(String::length).reversed()
        .thenComparing(java.util.Comparator.naturalOrder()))
        .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining("|"));
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
    return last >= '0' && last <= '9' || "气赞读论览过次日".indexOf(last) >= 0;
  }

  /**
   * A truncated excerpt: ends with "…" or two or more dots. Not the Chinese ellipsis "……" right after a sentence's
   * end ("我要让你受尽折磨！……"): that is the writer trailing off; a program's cut appends "…" or "...".
   */
  public boolean isTeaser(String line) {
    int n = line.length();
    if (n < Math.max(3, teaserMinChars)) {
      return false;
    }
    char last = line.charAt(n - 1);
    if (last == '…' && line.charAt(n - 2) == '…' && "。！？!?".indexOf(line.charAt(n - 3)) >= 0) {
      return false;
    }
    return last == '…' || last == '.' && (line.charAt(n - 2) == '.' || line.charAt(n - 2) == '…');
  }

  /**
   * A title of a listed article, a caption or a menu entry: short, mostly Han, no punctuation inside (a final ？ or
   * ！ is allowed: listed questions; a final 。 or ； is not: titles do not end a sentence), and no "key: value" colon (spec and field lines are content). A trailing date,
   * time or count (what list entries carry) is ignored.
   */
  public boolean isHeadline(String line) {
    if (mayEndWithStamp(line)) {
      line = LIST_SUFFIX.matcher(line).replaceFirst("");
    }
    int n = line.length();
    if (n < 2 || n > headlineMaxChars || isBody(line) && !isBracketedTitle(line)
        || "。；;".indexOf(line.charAt(n - 1)) >= 0) {
      return false;  // a short line ending with 。 or ； is a sentence or an item of the text ("5.油漆问题；")
    }
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (c == '：' || c == ':' || i < n - 1 && INNER_PUNCT.indexOf(c) >= 0) {
        return false;
      }
    }
    return TextMetrics.hanRatio(line) >= headlineMinHanShare;
  }

  static boolean hasInnerPunctuation(String line) {
    for (int i = 0; i < line.length() - 1; i++) {
      if (INNER_PUNCT.indexOf(line.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
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
