package io.corpusforge.cli;

import com.typesafe.config.Config;
import io.corpusforge.jobs.SparkSessions;
import io.corpusforge.jobs.stage.OutputPolicy;
import io.corpusforge.jobs.stage.Stage;
import io.corpusforge.jobs.stage.StageReport;
import io.corpusforge.jobs.stage.StageRunner;
import java.util.function.Function;

/**
 * The one way a command runs its stage: the config from {@code --conf}/{@code --set}, the stage built from it (an
 * invalid setting is a usage error), the Spark session from {@code --master}, the output policy from
 * {@code --overwrite} / {@code --resume}, the stage through {@link StageRunner}, the report's summary printed.
 */
public final class StageLauncher {
  private StageLauncher() {}

  /** Runs the stage {@code stageOf} builds from the effective config; returns the exit code. */
  public static int launch(CliArgs args, Function<Config, Stage> stageOf) {
    String output = args.required("output");
    OutputPolicy policy = OutputPolicy.of(args.has("overwrite"), args.has("resume"));
    Config config = PipelineConfig.load(args);
    Stage stage;
    try {
      stage = stageOf.apply(config);
    } catch (IllegalArgumentException e) {
      throw new CliArgs.UsageException(e.getMessage());
    }
    var spark = SparkSessions.getOrCreate("corpusforge " + stage.name(), args.optional("master"));
    StageReport report = StageRunner.run(spark, stage, output, policy, config);
    System.out.print(report.summary());
    return 0;
  }
}
