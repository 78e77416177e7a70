package io.corpusforge.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Paragraph-level keys for CCNet-style boilerplate removal. A paragraph is one line of the document (the clean job
 * writes one paragraph per line). Its key is the 64-bit hash of its normalized form; paragraphs whose normalized
 * form is shorter than a minimum have no key and are never removed (a lone "图片" or a date line is not worth a
 * corpus-wide count).
 */
public final class Paragraphs {
  private static final long SEED = 0x5041524147524150L;

  private Paragraphs() {}

  /** The lines of a text; "\r\n" and "\r" count as line ends too. */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String line : text.split("\r\n|\r|\n", -1)) {
      out.add(line);
    }
    return out;
  }

  /** Distinct keys of the document's paragraphs that are long enough to count. */
  public static long[] keys(String text, HashNormalizer normalizer, int minChars) {
    return split(text).stream()
        .mapToLong(p -> key(p, normalizer, minChars))
        .filter(k -> k != 0)
        .distinct()
        .sorted()
        .toArray();
  }

  /** The key of one paragraph, or 0 when its normalized form has fewer than {@code minChars} code points. */
  public static long key(String paragraph, HashNormalizer normalizer, int minChars) {
    int[] cps = normalizer.codePoints(paragraph);
    if (cps.length < Math.max(1, minChars)) {
      return 0;
    }
    long h = Hash64.of(cps, 0, cps.length, SEED);
    return h == 0 ? 1 : h;
  }

  /** The result of removing paragraphs: new text and how many lines were removed. */
  public record Removal(String text, int removed) {}

  /**
   * Removes every paragraph whose key matches {@code remove}; other lines, including short and empty ones, keep
   * their text and order. Lines are re-joined with "\n".
   */
  public static Removal remove(String text, HashNormalizer normalizer, int minChars, LongPredicate remove) {
    List<String> kept = new ArrayList<>();
    int removed = 0;
    for (String p : split(text)) {
      long k = key(p, normalizer, minChars);
      if (k != 0 && remove.test(k)) {
        removed++;
      } else {
        kept.add(p);
      }
    }
    return removed == 0 ? new Removal(text, 0) : new Removal(String.join("\n", kept), removed);
  }
}
