package io.corpusforge.inference.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts control and user-defined tokens out of text before the vocabulary's own algorithm runs: leftmost match,
 * longest token at that position. Control tokens only when asked ({@code parseSpecial}); user-defined always.
 */
final class SpecialSplitter {
  record Fragment(String text, int token) {}

  private record Special(String text, int id, boolean control) {}

  private final List<Special> specials = new ArrayList<>();

  SpecialSplitter(String[] tokens, int[] types) {
    for (int i = 0; i < tokens.length; i++) {
      if ((types[i] == SpecialTokens.CONTROL || types[i] == SpecialTokens.USER_DEFINED) && !tokens[i].isEmpty()) {
        specials.add(new Special(tokens[i], i, types[i] == SpecialTokens.CONTROL));
      }
    }
    specials.sort(Comparator.comparingInt((Special s) -> s.text.length()).reversed());
  }

  List<Fragment> split(String text, boolean parseSpecial) {
    List<Fragment> out = new ArrayList<>();
    int segment = 0;
    int i = 0;
    while (i < text.length() && !specials.isEmpty()) {
      Special match = null;
      for (Special s : specials) {
        if ((parseSpecial || !s.control) && text.startsWith(s.text, i)) {
          match = s;
          break;
        }
      }
      if (match == null) {
        i++;
        continue;
      }
      if (i > segment) {
        out.add(new Fragment(text.substring(segment, i), -1));
      }
      out.add(new Fragment(match.text, match.id));
      i += match.text.length();
      segment = i;
    }
    if (segment < text.length()) {
      out.add(new Fragment(text.substring(segment), -1));
    }
    return out;
  }
}
