package io.corpusforge.clean;

import java.util.Arrays;

/**
 * A 64-bit hash of a stripped line (FNV-1a over UTF-16 units, then a murmur finalizer): the key of CCNet-style
 * cross-document line counting. Deterministic across JVMs and runs.
 */
public final class LineHash {
  private LineHash() {}

  public static long of(String strippedLine) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < strippedLine.length(); i++) {
      h ^= strippedLine.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * The distinct hashes of a document's candidate lines (stripped, between {@code minChars} and {@code maxChars}
   * characters), sorted: each document counts once per line however often the line repeats inside it.
   */
  public static long[] distinctLines(String text, int minChars, int maxChars) {
    String[] lines = text.split("\n");
    long[] hashes = new long[lines.length];
    int n = 0;
    for (String line : lines) {
      String t = line.strip();
      if (t.length() >= minChars && t.length() <= maxChars) {
        hashes[n++] = of(t);
      }
    }
    long[] sorted = Arrays.copyOf(hashes, n);
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    return Arrays.copyOf(sorted, distinct);
  }
}
