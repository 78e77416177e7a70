package io.corpusforge.jobs.generate.prompt;

import io.corpusforge.jobs.generate.text.Hashes;

/**
 * The sampling seed of a row: a hash of its id, copy type, template hash and sampling parameters (and the attempt,
 * so a regeneration samples differently). The same row gives the same text in any run, partition or batch.
 */
public final class Seeds {
  private Seeds() {}

  public static long of(String id, String copyType, String templateHash, String paramsHash, int attempt) {
    // 63 bits: a non-negative seed prints the same in every tool
    return Hashes.long64(id, copyType, templateHash, paramsHash, Integer.toString(attempt)) & Long.MAX_VALUE;
  }
}
