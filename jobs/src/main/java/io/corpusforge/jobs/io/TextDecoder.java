package io.corpusforge.jobs.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * Bytes of a Chinese web document to text. Order of trust: a byte-order mark; valid UTF-8 (the common case, and
 * GBK/Big5 bytes are almost never valid UTF-8); the charset an HTML page declares, if it decodes cleanly; then
 * Mozilla's statistical detector (juniversalchardet) among the Chinese encodings; GB18030 last. Everything
 * decodes strictly: a document that no candidate decodes is reported, not mangled.
 */
public final class TextDecoder {
  private static final Charset GB18030 = Charset.forName("GB18030");
  private static final Charset BIG5 = Charset.forName("Big5-HKSCS");
  private static final Pattern META_CHARSET =
      Pattern.compile("(?i)<meta[^>]{0,200}?charset\\s*=\\s*[\"']?([a-zA-Z0-9_-]{2,20})");

  private TextDecoder() {}

  /** A decoded text and the charset that decoded it, or the reason nothing did. */
  public record Decoded(String text, String charset, String error) {
    public boolean ok() {
      return error == null;
    }
  }

  /** Strict UTF-8 only (a UTF-8 byte-order mark is skipped): the decoding of every stage but clean. */
  public static Decoded utf8(byte[] bytes, int length) {
    boolean bom = length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    Decoded d = bom ? strict(bytes, 3, length - 3, StandardCharsets.UTF_8) : strict(bytes, 0, length, StandardCharsets.UTF_8);
    return d.ok() ? d : new Decoded(null, null, "bytes that are not UTF-8 (" + d.error() + ")");
  }

  public static Decoded decode(byte[] bytes, int length) {
    if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
      return strict(bytes, 3, length - 3, StandardCharsets.UTF_8);
    }
    if (length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
      return strict(bytes, 2, length - 2, StandardCharsets.UTF_16LE);
    }
    if (length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
      return strict(bytes, 2, length - 2, StandardCharsets.UTF_16BE);
    }
    Decoded utf8 = strict(bytes, 0, length, StandardCharsets.UTF_8);
    if (utf8.ok()) {
      return utf8;
    }
    Charset declared = declaredCharset(bytes, length);
    if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
      Decoded d = strict(bytes, 0, length, widen(declared));
      if (d.ok()) {
        return d;
      }
    }
    Charset detected = detect(bytes, length);
    if (detected != null) {
      Decoded d = strict(bytes, 0, length, detected);
      if (d.ok()) {
        return d;
      }
    }
    for (Charset fallback : new Charset[] {GB18030, BIG5}) {
      Decoded d = strict(bytes, 0, length, fallback);
      if (d.ok()) {
        return d;
      }
    }
    return new Decoded(null, null, "not valid UTF-8, GB18030 or Big5 (declared: "
        + (declared == null ? "none" : declared.name()) + ")");
  }

  /** GBK and GB2312 pages often contain GB18030-only characters; Big5 pages, HKSCS ones. */
  private static Charset widen(Charset cs) {
    String n = cs.name().toLowerCase(Locale.ROOT);
    if (n.contains("gb") || n.contains("euc-cn") || n.contains("936")) {
      return GB18030;
    }
    if (n.contains("big5") || n.contains("950")) {
      return BIG5;
    }
    return cs;
  }

  private static Charset declaredCharset(byte[] bytes, int length) {
    String head = new String(bytes, 0, Math.min(length, 4096), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    if (!m.find()) {
      return null;
    }
    try {
      return Charset.forName(m.group(1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Charset detect(byte[] bytes, int length) {
    UniversalDetector detector = new UniversalDetector();
    detector.handleData(bytes, 0, Math.min(length, 1 << 16));
    detector.dataEnd();
    String name = detector.getDetectedCharset();
    if (name == null) {
      return null;
    }
    try {
      return widen(Charset.forName(name));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Decoded strict(byte[] bytes, int offset, int length, Charset cs) {
    try {
      String text = cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
      return new Decoded(text, cs.name(), null);
    } catch (CharacterCodingException e) {
      return new Decoded(null, null, cs.name() + ": " + e.getMessage());
    }
  }

  /**
   * A file is binary when its head has a NUL byte or more than {@code maxControlShare} of C0 control bytes other
   * than tab, newline, carriage return, form feed and escape.
   */
  public static boolean looksBinary(byte[] bytes, int length, double maxControlShare) {
    int n = Math.min(length, 8192);
    int control = 0;
    for (int i = 0; i < n; i++) {
      int b = bytes[i] & 0xFF;
      if (b == 0) {
        return true;
      }
      if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1B) {
        control++;
      }
    }
    return n > 0 && (double) control / n > maxControlShare;
  }
}
