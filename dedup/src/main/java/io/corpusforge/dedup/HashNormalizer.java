package io.corpusforge.dedup;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The form of text that dedup hashes, built so that copies differing only in layout compare equal: full-width
 * ASCII folded to half-width, Latin lower-cased, code points mapped by a {@link CodePointFolding} (traditional to
 * simplified), and everything that is not a letter or a digit dropped: whitespace, punctuation of any width,
 * symbols, emoji, control and zero-width characters. What remains is the content a reader would call "the same
 * text". The normalized form is never written out; it only feeds hashes.
 */
public final class HashNormalizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private final CodePointFolding folding;

  public HashNormalizer(CodePointFolding folding) {
    this.folding = folding;
  }

  public static HashNormalizer withoutFolding() {
    return new HashNormalizer(CodePointFolding.IDENTITY);
  }

  /** The normalized code points of {@code text} (empty for null). */
  public int[] codePoints(String text) {
    if (text == null) {
      return new int[0];
    }
    int[] out = new int[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      cp = widthFold(cp);
      if (!Character.isLetterOrDigit(cp)) {
        continue;
      }
      cp = folding.fold(Character.toLowerCase(cp));
      out[n++] = cp;
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** The normalized text as a string. */
  public String normalize(String text) {
    int[] cps = codePoints(text);
    return new String(cps, 0, cps.length);
  }

  /** Full-width forms (U+FF01..U+FF5E) to ASCII, ideographic space to space. */
  static int widthFold(int cp) {
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      return cp - 0xFEE0;
    }
    return cp == 0x3000 ? ' ' : cp;
  }
}
