package io.corpusforge.clean;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The characters OpenCC converts from traditional to simplified (the keys of its TSCharacters table, as shipped in
 * opencc4j), as a bit table, so that text with none of them skips the phrase-level conversion entirely.
 */
final class TraditionalChars {
  private static final CharScan.Set SET = load();

  private TraditionalChars() {}

  static boolean anyIn(String text) {
    return CharScan.anyIn(text, SET);
  }

  private static CharScan.Set load() {
    try (InputStream in = TraditionalChars.class.getClassLoader()
        .getResourceAsStream("data/dictionary/TSCharacters.txt")) {
      if (in == null) {
        throw new IllegalStateException("opencc4j's data/dictionary/TSCharacters.txt is not on the classpath");
      }
      java.util.BitSet keys = new java.util.BitSet(0x10000);
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int tab = line.indexOf('\t');
        if (tab == 1 && line.length() > 2 && !line.substring(2).strip().equals(line.substring(0, 1))) {
          keys.set(line.charAt(0));
        }
      }
      return CharScan.set(keys::get);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
