package io.corpusforge.clean;

import java.util.HashMap;
import java.util.Map;

/** The measurements behind the quality filters. Pure functions of the text; ratios are over non-space chars. */
public final class TextMetrics {
  private TextMetrics() {}

  /** Han script, with the common BMP blocks answered without {@code UnicodeScript.of}'s binary search. */
  public static boolean isHan(int cp) {
    if (cp >= 0x4E00 && cp <= 0x9FFF) {
      return true;
    }
    if (cp < 0x2E80) {
      return false;
    }
    return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
  }

  public static String withoutWhitespace(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        if (sb == null) {
          sb = new StringBuilder(s.length()).append(s, 0, i);
        }
      } else if (sb != null) {
        sb.append(s.charAt(i));
      }
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * Non-space characters, with each run of ASCII letters and digits counted once: what a reader counts as words in
   * mixed text, where a model number ("AT32F421") or a Latin brand is one word, not eight characters.
   */
  public static long wordUnits(String text) {
    long n = 0;
    boolean inRun = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      boolean ascii = cp < 128 && Character.isLetterOrDigit(cp);
      if (ascii) {
        if (!inRun) {
          n++;
        }
      } else if (!Character.isWhitespace(cp)) {
        n++;
      }
      inRun = ascii;
    }
    return n;
  }

  public static long hanChars(String text) {
    return count(text, TextMetrics::isHan);
  }

  private static long nonSpace(String text) {
    return count(text, c -> !Character.isWhitespace(c));
  }

  private static long count(String text, java.util.function.IntPredicate p) {
    long n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (p.test(cp)) {
        n++;
      }
      i += Character.charCount(cp);
    }
    return n;
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  public static double hanRatio(String text) {
    return ratio(hanChars(text), nonSpace(text));
  }

  public static double digitRatio(String text) {
    return ratio(count(text, Character::isDigit), nonSpace(text));
  }

  /**
   * Share of symbol characters: Unicode symbol categories (math, currency, modifier, other: ★ ◆ ☎ $ …) plus '#'
   * and the ellipsis, which Gopher counts too. Chinese and ASCII punctuation are not symbols.
   */
  public static double symbolRatio(String text) {
    long symbols = count(text, TextMetrics::isSymbol);
    return ratio(symbols, nonSpace(text));
  }

  private static boolean isSymbol(int cp) {
    int type = Character.getType(cp);
    return type == Character.MATH_SYMBOL || type == Character.CURRENCY_SYMBOL
        || type == Character.MODIFIER_SYMBOL || type == Character.OTHER_SYMBOL
        || cp == '#' || cp == '…' || cp == '|';
  }

  /** Mean characters per non-empty line. */
  public static double meanLineLength(String text) {
    long lines = 0;
    long chars = 0;
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        lines++;
        chars += t.length();
      }
    }
    return ratio(chars, lines);
  }

  /**
   * Gopher's duplicate n-gram character fraction over characters (Chinese has no words to count): the share of
   * non-space characters covered by a character n-gram that occurs more than once.
   */
  public static double duplicateNgramCharRatio(String text, int n) {
    int[] cps = withoutWhitespace(text).codePoints().toArray();
    if (cps.length < n) {
      return 0;
    }
    Map<Long, Integer> firstAt = new HashMap<>();
    boolean[] covered = new boolean[cps.length];
    long pow = 1;
    for (int i = 0; i < n - 1; i++) {
      pow *= 1_000_003L;
    }
    long h = 0;
    for (int i = 0; i < cps.length; i++) {
      if (i >= n) {
        h -= cps[i - n] * pow;
      }
      h = h * 1_000_003L + cps[i];
      if (i >= n - 1) {
        int start = i - n + 1;
        Integer first = firstAt.putIfAbsent(h, start);
        if (first != null) {
          mark(covered, first, n);
          mark(covered, start, n);
        }
      }
    }
    long c = 0;
    for (boolean b : covered) {
      if (b) {
        c++;
      }
    }
    return (double) c / cps.length;
  }

  private static void mark(boolean[] covered, int start, int n) {
    for (int i = start; i < start + n; i++) {
      covered[i] = true;
    }
  }
}
