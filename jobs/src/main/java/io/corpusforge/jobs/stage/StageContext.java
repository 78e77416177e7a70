package io.corpusforge.jobs.stage;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What a running {@link Stage} gets from the skeleton: Spark, the config, its output, the timer, the rejects. */
public final class StageContext {
  private final SparkSession spark;
  private final Config config;
  private final String stage;
  private final String runId;
  private final StageOutput output;
  private final PhaseTimer timer;
  private final Map<String, Long> rejectedByReason = new TreeMap<>();

  StageContext(SparkSession spark, Config config, String stage, String runId, StageOutput output) {
    this.spark = spark;
    this.config = config;
    this.stage = stage;
    this.runId = runId;
    this.output = output;
    this.timer = new PhaseTimer(stage);
  }

  public SparkSession spark() {
    return spark;
  }

  /** The whole effective configuration (conf/pipeline.conf, --conf, --set). */
  public Config config() {
    return config;
  }

  /** This run's id ({@code yyyyMMdd'T'HHmmss-xxxx}, UTC), also in report.json. */
  public String runId() {
    return runId;
  }

  /** Where the stage writes its files. */
  public StageOutput output() {
    return output;
  }

  /** Ends the running phase under {@code name}; the seconds go to report.json's {@code phase_seconds}. */
  public void phase(String name) {
    timer.phase(name);
  }

  PhaseTimer timer() {
    return timer;
  }

  /** A progress logger for the partitions of one step of this stage (see {@link PartitionProgress}). */
  public PartitionProgress progress(String step) {
    return new PartitionProgress(stage, step, config.getLong("stage.progress-seconds"));
  }

  /**
   * Writes this stage's rejected rows (built with {@link Rejects#of}) to {@code rejected/}. Call it once, also
   * when nothing was rejected, so every stage's output has a {@code rejected/} directory to union.
   */
  public void writeRejects(Dataset<Row> rejects) {
    Map<String, Long> counts = Rejects.write(rejects, output, config.getInt("stage.rejects.record-max-chars"));
    counts.forEach((k, v) -> rejectedByReason.merge(k, v, Long::sum));
  }

  Map<String, Long> rejectedByReason() {
    return rejectedByReason;
  }
}
