package io.corpusforge.clean;

import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * Cheap pre-checks: most documents contain none of the characters a rewrite looks for, and a table look-up per
 * character is much cheaper than running the rewrite's regular expression.
 */
final class CharScan {
  private CharScan() {}

  /** A set of BMP characters as a bit table. */
  record Set(long[] bits) implements java.io.Serializable {
    boolean contains(char c) {
      return (bits[c >>> 6] & (1L << c)) != 0;
    }
  }

  static Set set(IntPredicate member) {
    long[] bits = new long[1024];
    for (int c = 0; c < 0x10000; c++) {
      if (member.test(c)) {
        bits[c >>> 6] |= 1L << c;
      }
    }
    return new Set(bits);
  }

  static boolean anyIn(String text, Set set) {
    for (int i = 0; i < text.length(); i++) {
      if (set.contains(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The characters a match of {@code pattern} can start with: those for which the one-character input either
   * matches or runs out while still matching ({@code hitEnd}). Trying the pattern only at these positions gives the
   * same matches as {@code find()}, at a fraction of the cost for patterns that open with a word list.
   */
  static Set startChars(Pattern pattern) {
    // 65,536 one-character matches per pattern: computed once per pattern and JVM, not once per chain
    return START_CHARS.computeIfAbsent(pattern.pattern() + "\u0000" + pattern.flags(), k -> computeStartChars(pattern));
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, Set> START_CHARS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Set computeStartChars(Pattern pattern) {
    if (pattern.pattern().contains("(?<=")) {
      return set(c -> true);  // a positive look-behind fails on one character alone: no shortcut is safe
    }
    return set(c -> {
      if (Character.isSurrogate((char) c)) {
        return true;  // a supplementary code point: be conservative
      }
      java.util.regex.Matcher m = pattern.matcher(String.valueOf((char) c));
      return m.lookingAt() || m.hitEnd();
    });
  }

  /**
   * {@code find()} restricted to positions whose character is in {@code starts} (from {@link #startChars}); the
   * matcher must use transparent and non-anchoring bounds so look-behinds and {@code ^} behave as in a full scan.
   */
  static boolean findFrom(java.util.regex.Matcher m, String text, int from, Set starts) {
    for (int i = from; i < text.length(); i++) {
      if (starts.contains(text.charAt(i))) {
        m.region(i, text.length());
        if (m.lookingAt()) {
          return true;
        }
      }
    }
    return false;
  }
}
