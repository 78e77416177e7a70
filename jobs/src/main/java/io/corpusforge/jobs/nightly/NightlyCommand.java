package io.corpusforge.jobs.nightly;


import com.typesafe.config.Config;
import io.corpusforge.cli.CliArgs;
import io.corpusforge.cli.Command;
import io.corpusforge.cli.CommonOptions;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.SparkSessions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@code bin/pipeline nightly}: the whole chain for one date, resumable, with one report per run. */
public final class NightlyCommand implements Command {
  @Override
  public String name() {
    return "nightly";
  }

  @Override
  public String summary() {
    return "clean -> dedup -> vocab -> generate under <root>/dt=DATE/, resumable, with report.html";
  }

  @Override
  public String help() {
    return """
        usage: bin/pipeline nightly [--date YYYY-MM-DD] [--conf FILE] [--set KEY=VALUE] [--force] [--master URL]

        Runs clean -> dedup -> vocab -> generate (extractive summaries of the deduplicated documents, product copy
        for the catalog) into <nightly.root>/dt=DATE/<stage>/, then writes report.json and report.html there.
        Each stage commits atomically (_SUCCESS, _STAGE.json with its fingerprint). Running the same command again
        skips finished stages whose settings and inputs are unchanged and resumes at a failed one; a finished
        stage whose settings or inputs changed stops the run with the differences listed (--force recomputes).
        With no options it runs on the sample corpus and catalog in samples/. See docs/nightly.md.

          --date YYYY-MM-DD    the partition to write (default: today, UTC)
          --force              recompute every stage, replacing finished ones
        """ + CommonOptions.HELP + """

        config keys (conf/nightly.conf): nightly.root, corpus, products, generate.{summary-method,model,
        placeholder.*}, report.{length-bins,max-listed-texts,top-words}
        example: bin/pipeline nightly --date 2026-12-06 --set nightly.generate.model=/models/qwen3-0.6b-q8_0.gguf
        """;
  }

  @Override
  public int run(List<String> argv) {
    CliArgs args = CliArgs.parse(argv, CommonOptions.with("date", "force"));
    LocalDate date;
    try {
      date = args.optional("date").map(LocalDate::parse).orElse(LocalDate.now(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new CliArgs.UsageException("--date expects YYYY-MM-DD, got " + args.optional("date").orElse(""));
    }
    Config config = PipelineConfig.load(args);
    List<String> passThrough = new ArrayList<>();
    args.all("conf").forEach(c -> passThrough.addAll(List.of("--conf", c)));
    args.all("set").forEach(s -> passThrough.addAll(List.of("--set", s)));
    SparkSession spark = SparkSessions.getOrCreate("corpusforge nightly", args.optional("master"));
    // a bad nightly.* setting is a StageException: the CLI prints it on one line and exits 2
    NightlyRun run = new NightlyRun(config, passThrough, spark.sparkContext().hadoopConfiguration(), date);
    NightlyRun.Outcome outcome = run.run(args.has("force"));
    RunReport.write(spark, run, outcome);
    System.out.print(RunReport.summary(outcome));
    if (outcome.ok()) {
      return 0;
    }
    boolean changed = outcome.stages().stream().anyMatch(s -> s.status() == NightlyRun.Status.CONFIG_CHANGED);
    return changed ? 2 : 1;
  }
}
