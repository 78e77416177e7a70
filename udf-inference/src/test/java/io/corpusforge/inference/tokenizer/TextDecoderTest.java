package io.corpusforge.inference.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
  /** A toy vocabulary: token i is the i-th byte of the UTF-8 text. */
  record Bytes(byte[] b) implements Tokenizer {
    public int[] encode(String text, boolean parseSpecial) {
      throw new UnsupportedOperationException();
    }

    public byte[] tokenBytes(int id) {
      return new byte[] {b[id]};
    }

    public int vocabSize() {
      return b.length;
    }

    public boolean addBos() {
      return false;
    }

    public int bos() {
      return -1;
    }

    public boolean isEndOfGeneration(int id) {
      return false;
    }

    public String token(int id) {
      return "";
    }
  }

  @Test
  void holdsBackIncompleteCharacters() {
    String s = "a你😀b";
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    TextDecoder d = new TextDecoder(new Bytes(b));
    StringBuilder pieces = new StringBuilder();
    assertEquals("a", d.add(0));
    assertEquals("", d.add(1));
    assertEquals("", d.add(2));
    assertEquals("你", d.add(3));
    pieces.append("a你");
    for (int i = 4; i < b.length; i++) {
      pieces.append(d.add(i));
    }
    assertEquals(s, pieces.toString());
    assertEquals(s, d.text());
  }

  @Test
  void finishFlushesABrokenTail() {
    byte[] b = "你".getBytes(StandardCharsets.UTF_8);
    TextDecoder d = new TextDecoder(new Bytes(b));
    d.add(0);
    d.add(1);
    assertEquals("\uFFFD", d.finish());
  }
}
