package io.corpusforge.inference.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a stream of generated tokens into text. Tokens can end in the middle of a UTF-8 character (byte tokens,
 * byte-level BPE), so bytes are held back until the character is complete; {@link #finish} flushes what is left
 * (an incomplete tail becomes U+FFFD).
 */
public final class TextDecoder {
  private final Tokenizer tokenizer;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final StringBuilder text = new StringBuilder();

  public TextDecoder(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Adds a token; returns the newly completed text (possibly empty). */
  public String add(int token) {
    pending.writeBytes(tokenizer.tokenBytes(token));
    byte[] b = pending.toByteArray();
    int complete = completePrefix(b);
    if (complete == 0) {
      return "";
    }
    String s = new String(b, 0, complete, StandardCharsets.UTF_8);
    pending.reset();
    pending.write(b, complete, b.length - complete);
    text.append(s);
    return s;
  }

  /** Flushes held-back bytes; returns them as text. */
  public String finish() {
    if (pending.size() == 0) {
      return "";
    }
    String s = pending.toString(StandardCharsets.UTF_8);
    pending.reset();
    text.append(s);
    return s;
  }

  /** All text so far. */
  public String text() {
    return text.toString();
  }

  /** Length of the longest prefix that does not end inside a (possibly valid) multi-byte character. */
  static int completePrefix(byte[] b) {
    int n = b.length;
    // look back at most 3 bytes for the start of a character whose continuation bytes are missing
    for (int back = 1; back <= Math.min(3, n); back++) {
      int c = b[n - back] & 0xFF;
      if ((c & 0xC0) == 0x80) {
        continue; // continuation byte: keep looking for the lead
      }
      int need = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      return need > back ? n - back : n;
    }
    return n;
  }

  /** Decodes a whole token sequence. */
  public static String decode(Tokenizer t, int[] ids) {
    TextDecoder d = new TextDecoder(t);
    for (int id : ids) {
      d.add(id);
    }
    d.finish();
    return d.text();
  }
}
