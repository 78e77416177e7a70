package io.corpusforge.jobs.generate.text;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 digests the generate job writes: short hex ids and 64-bit keys of several parts. */
public final class Hashes {
  private Hashes() {}

  /** 16 hex digits (64 bits) of SHA-256 of the text. */
  public static String hex16(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
  }

  /** The first 64 bits of SHA-256 over the parts, each followed by a 0 byte (so "ab","c" differs from "a","bc"). */
  public static long long64(String... parts) {
    MessageDigest md = sha256();
    for (String part : parts) {
      md.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
    }
    return ByteBuffer.wrap(md.digest()).getLong();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
