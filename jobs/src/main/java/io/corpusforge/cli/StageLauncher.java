package io.corpusforge.cli;

import com.typesafe.config.Config;
import io.corpusforge.jobs.SparkSessions;
import io.corpusforge.jobs.stage.OutputPolicy;
import io.corpusforge.jobs.stage.Stage;
import io.corpusforge.jobs.stage.StageReport;
import io.corpusforge.jobs.stage.StageRunner;

/**
 * The one way a command runs its stage: Spark session from {@code --master}, output policy from
 * {@code --overwrite} / {@code --resume}, the stage through {@link StageRunner}, the report's summary printed.
 */
public final class StageLauncher {
  private StageLauncher() {}

  /** Runs the stage and prints its summary; returns the exit code. */
  public static int launch(CliArgs args, Config config, Stage stage) {
    OutputPolicy policy = OutputPolicy.of(args.has("overwrite"), args.has("resume"));
    var spark = SparkSessions.getOrCreate("corpusforge " + stage.name(), args.optional("master"));
    StageReport report = StageRunner.run(spark, stage, args.required("output"), policy, config);
    System.out.print(report.summary());
    return 0;
  }
}
