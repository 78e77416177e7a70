package io.corpusforge.clean;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Counts occurrences of listed words in one pass over the text (words indexed by their first character). */
public final class WordMatcher implements Serializable {
  private final Map<Character, List<String>> byFirstChar = new HashMap<>();

  public WordMatcher(List<String> words) {
    for (String w : words) {
      if (!w.isEmpty()) {
        byFirstChar.computeIfAbsent(Character.toLowerCase(w.charAt(0)), k -> new ArrayList<>()).add(w);
      }
    }
    byFirstChar.values().forEach(l -> l.sort((a, b) -> b.length() - a.length()));
  }

  /** Non-overlapping matches, longest word first at each position; ASCII compared case-insensitively. */
  public int count(String text) {
    int n = 0;
    int i = 0;
    while (i < text.length()) {
      List<String> candidates = byFirstChar.get(Character.toLowerCase(text.charAt(i)));
      int advance = 1;
      if (candidates != null) {
        for (String w : candidates) {
          if (text.regionMatches(true, i, w, 0, w.length())) {
            n++;
            advance = w.length();
            break;
          }
        }
      }
      i += advance;
    }
    return n;
  }
}
