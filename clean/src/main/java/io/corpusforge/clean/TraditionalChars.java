package io.corpusforge.clean;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * OpenCC's traditional-to-simplified character table (TSCharacters, as shipped in opencc4j), read once per JVM and
 * shared by the two users of it: clean's {@code traditional-to-simplified} rule asks {@link #anyIn} so that text
 * without a traditional character skips the phrase-level conversion, and dedup folds each character to its
 * {@link #toSimplified} form before hashing so a traditional copy hashes like its simplified original.
 */
public final class TraditionalChars {
  private static final Table TABLE = load();

  /** {@code listed}: characters with a simplified form other than themselves; {@code first}: the first listed form. */
  private record Table(CharScan.Set listed, char[] first) {}

  private TraditionalChars() {}

  /** Whether the text holds a character OpenCC converts (some listed simplified form differs from it). */
  public static boolean anyIn(String text) {
    return CharScan.anyIn(text, TABLE.listed());
  }

  /**
   * The first simplified form OpenCC lists for a BMP character, when that form is one character; the code point
   * itself otherwise (not listed, a multi-character form, or outside the BMP). Character level only: phrase-level
   * conversion needs segmentation, and for hashing it is enough that both spellings map to the same characters.
   */
  public static int toSimplified(int codePoint) {
    return codePoint < 0x10000 ? TABLE.first()[codePoint] : codePoint;
  }

  private static Table load() {
    try (InputStream in = TraditionalChars.class.getClassLoader()
        .getResourceAsStream("data/dictionary/TSCharacters.txt")) {
      if (in == null) {
        throw new IllegalStateException("opencc4j's data/dictionary/TSCharacters.txt is not on the classpath");
      }
      java.util.BitSet listed = new java.util.BitSet(0x10000);
      char[] first = new char[0x10000];
      for (int c = 0; c < first.length; c++) {
        first[c] = (char) c;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int tab = line.indexOf('\t');
        if (tab != 1 || line.length() <= 2) {
          continue; // not a one-BMP-character key
        }
        char key = line.charAt(0);
        String forms = line.substring(2).strip();
        if (!forms.equals(line.substring(0, 1))) {
          listed.set(key);
        }
        String form = forms.split(" ")[0];
        if (form.length() == 1) {
          first[key] = form.charAt(0);
        }
      }
      return new Table(CharScan.set(listed::get), first);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
