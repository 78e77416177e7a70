package io.corpusforge.jobs.dedup;

import io.corpusforge.cli.CliArgs;
import io.corpusforge.cli.Command;
import io.corpusforge.cli.CommonOptions;
import io.corpusforge.cli.StageLauncher;
import io.corpusforge.jobs.io.ReadOptions;
import java.util.List;

/** {@code bin/pipeline dedup}: exact, near-duplicate and paragraph-level dedup of a corpus. */
public final class DedupCommand implements Command {
  @Override
  public String name() {
    return "dedup";
  }

  @Override
  public String summary() {
    return "remove exact, near-duplicate (MinHash-LSH) and boilerplate-paragraph duplicates";
  }

  @Override
  public String help() {
    return """
        usage: bin/pipeline dedup --input DIR [DIR...] --output DIR [options]

        Removes exact duplicates (same text up to whitespace, punctuation, full-width and traditional/simplified
        variants), near duplicates (MinHash over character 5-grams, LSH banding, Jaccard >= dedup.threshold,
        clusters by connected components; one document kept per cluster: highest quality_score, then longest,
        then smallest id) and boilerplate paragraphs (lines found in >= dedup.paragraphs.min-docs documents are
        kept only in the first of them, by id).

        Input: Parquet or JSON Lines with a string 'text' and an 'id' column (e.g. the clean job's kept/);
        'quality_score' is optional. Other columns pass through unchanged.
        Output under --output: kept/ (input schema), clusters/ (id, cluster_id, representative_id, similarity,
        kept, removed_by, cluster_size), rejected/ (bad input rows, the schema of every stage:
        id, stage, reason, value, detail, record; docs/stages.md), report.json.

        options:
          --input PATH...      Parquet/JSONL files or directories (several are unioned by column name)
          --output DIR         output directory; must not exist unless --overwrite
          --overwrite          replace --output if it exists
        """ + CommonOptions.HELP + """

        config keys (conf/dedup.conf): dedup.shingle-size, num-hashes, threshold, verify.exact-band, lsh.bands, lsh.rows,
        fold-traditional, near.enabled, paragraphs.{enabled,min-docs,min-chars}, output-files
        example: bin/pipeline dedup --input out/clean/kept --output out/dedup --set dedup.threshold=0.85
        """;
  }

  @Override
  public int run(List<String> args) {
    CliArgs cli = CliArgs.parse(args, CommonOptions.with("input", "output", "overwrite"));
    return StageLauncher.launch(cli, config -> new DedupJob(cli.requiredList("input"), DedupSettings.from(config),
        ReadOptions.of(config, "dedup.input")));
  }
}
