package io.corpusforge.dedup;

import java.io.Serializable;

/**
 * Everything dedup needs from one document's text, computed in one pass over its normalized form: the exact key
 * and the MinHash signature. One instance per executor task; pure and thread-safe.
 */
public final class DocumentSketcher implements Serializable {
  private static final long serialVersionUID = 1L;
  private final HashNormalizer normalizer;
  private final Shingler shingler;
  private final MinHasher minHasher;

  public DocumentSketcher(HashNormalizer normalizer, Shingler shingler, MinHasher minHasher) {
    this.normalizer = normalizer;
    this.shingler = shingler;
    this.minHasher = minHasher;
  }

  /**
   * @param exactKey 128-bit hex of the normalized text; a text with no letters or digits is keyed by its raw form
   *     (prefixed "raw:") so unrelated punctuation-only texts are not exact duplicates of each other
   * @param signature MinHash signature, null when the normalized text is empty
   */
  public record Sketch(String exactKey, long[] signature) {}

  public Sketch sketch(String text) {
    int[] cps = normalizer.codePoints(text);
    if (cps.length == 0) {
      return new Sketch("raw:" + Hash64.hex128(text == null ? "" : text), null);
    }
    String key = Hash64.hex128(new String(cps, 0, cps.length));
    return new Sketch(key, minHasher.signature(shingler.shingles(cps)));
  }

  /** The sorted distinct shingle hashes of a text's normalized form. */
  public long[] shingles(String text) {
    return shingler.shingles(normalizer.codePoints(text));
  }

  /** Exact Jaccard of the two texts' shingle sets (the quantity the signatures estimate). */
  public double exactJaccard(String a, String b) {
    return Shingler.jaccard(shingles(a), shingles(b));
  }

  public HashNormalizer normalizer() {
    return normalizer;
  }
}
