package io.corpusforge.jobs.clean;

import io.corpusforge.cli.CliArgs;
import io.corpusforge.cli.Command;
import io.corpusforge.cli.CommonOptions;
import io.corpusforge.cli.StageLauncher;
import java.util.List;

/** {@code bin/pipeline clean}: normalize and clean a dirty Chinese web corpus. */
public final class CleanCommand implements Command {
  @Override
  public String name() {
    return "clean";
  }

  @Override
  public String summary() {
    return "clean a dirty Chinese web/news corpus: every record kept or rejected with a reason";
  }

  @Override
  public String help() {
    return """
        usage: bin/pipeline clean --input PATH... --output DIR [--overwrite] [options]

        Normalizes and cleans dirty Chinese web text (encodings, traditional->simplified, HTML debris,
        boilerplate, ads/spam, PII) and applies quality filters. Rules and thresholds: conf/clean.conf.

          --input PATH...      files or directories (local or any Hadoop FS): JSON Lines (.jsonl/.json,
                               also .gz/.zst), Parquet with id and text, <doc> XML, .txt/.html (one doc per file)
          --output DIR         writes DIR/kept (Parquet), DIR/rejected (Parquet, docs/stages.md), DIR/report.json
          --overwrite          replace DIR if it exists
        """ + CommonOptions.HELP;
  }

  @Override
  public int run(List<String> argv) {
    CliArgs args = CliArgs.parse(argv, CommonOptions.with("input", "output", "overwrite"));
    return StageLauncher.launch(args, config -> new CleanJob(args.requiredList("input"), config));
  }
}
