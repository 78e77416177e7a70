package io.corpusforge.jobs.generate.prompt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The sampling seed of a row: a hash of its id, copy type, template hash and sampling parameters (and the attempt,
 * so a regeneration samples differently). The same row gives the same text in any run, partition or batch.
 */
public final class Seeds {
  private Seeds() {}

  public static long of(String id, String copyType, String templateHash, String paramsHash, int attempt) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {id, copyType, templateHash, paramsHash, Integer.toString(attempt)}) {
        md.update(part.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      // 63 bits: a non-negative seed prints the same in every tool
      return ByteBuffer.wrap(md.digest()).getLong() & Long.MAX_VALUE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
