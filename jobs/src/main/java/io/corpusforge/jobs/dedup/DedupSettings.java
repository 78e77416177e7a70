package io.corpusforge.jobs.dedup;

import com.typesafe.config.Config;
import io.corpusforge.clean.TraditionalChars;
import io.corpusforge.dedup.CodePointFolding;
import io.corpusforge.dedup.DocumentSketcher;
import io.corpusforge.dedup.HashNormalizer;
import io.corpusforge.dedup.LshBands;
import io.corpusforge.dedup.MinHasher;
import io.corpusforge.dedup.Shingler;
import java.io.Serializable;

/** The {@code dedup} section of the configuration, validated. See conf/dedup.conf for the meaning of each key. */
public record DedupSettings(
    int shingleSize,
    int numHashes,
    long seed,
    int bands,
    int rows,
    double threshold,
    double exactBand,
    boolean foldTraditional,
    boolean nearEnabled,
    boolean paragraphsEnabled,
    int paragraphMinDocs,
    int paragraphMinChars,
    int maxComponentIterations,
    int outputFiles) implements Serializable {

  public DedupSettings {
    require(shingleSize >= 1, "dedup.shingle-size must be >= 1");
    require(numHashes >= 1, "dedup.num-hashes must be >= 1");
    require(bands >= 1 && rows >= 1, "dedup.lsh.bands and dedup.lsh.rows must be >= 1");
    require(bands * rows <= numHashes, "dedup.lsh.bands x dedup.lsh.rows (" + bands * rows
        + ") must not exceed dedup.num-hashes (" + numHashes + ")");
    require(threshold > 0 && threshold <= 1, "dedup.threshold must be in (0, 1]");
    require(exactBand >= 0 && exactBand <= 1, "dedup.verify.exact-band must be in [0, 1]");
    require(paragraphMinDocs >= 2, "dedup.paragraphs.min-docs must be >= 2");
    require(paragraphMinChars >= 1, "dedup.paragraphs.min-chars must be >= 1");
    require(maxComponentIterations >= 1, "dedup.components.max-iterations must be >= 1");
    require(outputFiles >= 1, "dedup.output-files must be >= 1");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public static DedupSettings from(Config root) {
    Config c = root.getConfig("dedup");
    return new DedupSettings(
        c.getInt("shingle-size"),
        c.getInt("num-hashes"),
        c.getLong("seed"),
        c.getInt("lsh.bands"),
        c.getInt("lsh.rows"),
        c.getDouble("threshold"),
        c.getDouble("verify.exact-band"),
        c.getBoolean("fold-traditional"),
        c.getBoolean("near.enabled"),
        c.getBoolean("paragraphs.enabled"),
        c.getInt("paragraphs.min-docs"),
        c.getInt("paragraphs.min-chars"),
        c.getInt("components.max-iterations"),
        c.getInt("output-files"));
  }

  /** Folding from clean's OpenCC table, the one clean's traditional-to-simplified rule uses. */
  public HashNormalizer normalizer() {
    CodePointFolding traditional = TraditionalChars::toSimplified;
    return new HashNormalizer(foldTraditional ? traditional : CodePointFolding.IDENTITY);
  }

  public DocumentSketcher sketcher() {
    return new DocumentSketcher(normalizer(), new Shingler(shingleSize), new MinHasher(numHashes, seed));
  }

  public LshBands lsh() {
    return new LshBands(bands, rows);
  }
}
