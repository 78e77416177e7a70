package io.corpusforge.clean;

import java.util.ArrayList;
import java.util.List;

/** The format of the word and pattern lists the rules take (conf/clean/*.txt): one entry per line. */
public final class WordList {
  private WordList() {}

  /** Entries of a list file: {@code #} starts a comment line, blank lines are ignored, entries are trimmed. */
  public static List<String> parse(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        out.add(t);
      }
    }
    return out;
  }
}
