package io.corpusforge.clean;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Repairs one run of UTF-8-read-as-Latin-1/cp1252 mojibake ("ä¸­æ–‡" → "中文"), or drops it when that fails. */
final class Mojibake {
  private static final Charset CP1252 = Charset.forName("windows-1252");

  private Mojibake() {}

  static String repair(String run) {
    byte[] bytes = new byte[run.length()];
    for (int i = 0; i < run.length(); i++) {
      char c = run.charAt(i);
      if (c <= 0xFF) {
        bytes[i] = (byte) c;  // Latin-1 reading, which also covers the C1 bytes cp1252 leaves undefined
      } else {
        byte[] b = String.valueOf(c).getBytes(CP1252);
        if (b.length != 1 || b[0] == '?') {
          return "";
        }
        bytes[i] = b[0];
      }
    }
    // The run can swallow a real quotation mark or dash that follows it (they are cp1252 continuation bytes too):
    // decode the longest prefix that is valid UTF-8 and keep what follows as it was.
    for (int end = bytes.length; end >= Math.max(1, bytes.length - 3); end--) {
      try {
        String decoded = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        return decoded + run.substring(end);
      } catch (CharacterCodingException e) {
        // try a shorter prefix
      }
    }
    return "";
  }
}
