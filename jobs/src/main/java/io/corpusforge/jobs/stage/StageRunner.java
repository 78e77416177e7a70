package io.corpusforge.jobs.stage;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Stage}: opens its output under the policy, runs it, writes report.json, commits the output with
 * {@code _SUCCESS}; on any failure removes what the run wrote (the old output, if any, stays as it was) and
 * rethrows. A resumable stage's run report is also kept as {@code _runs/RUNID.json}.
 */
public final class StageRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);
  private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
      .withZone(ZoneOffset.UTC);

  private StageRunner() {}

  /**
   * @param config the effective configuration (needs the {@code stage} section of conf/stage.conf)
   */
  public static StageReport run(SparkSession spark, Stage stage, String output, OutputPolicy policy,
      Config config) {
    Instant started = Instant.now();
    String runId = newRunId(started);
    StageSpec spec = stage.spec();
    StageOutput out = StageOutput.open(spark.sparkContext().hadoopConfiguration(), output, policy,
        spec.resumable(), runId);
    LOG.info("{} run {}: {} -> {} (writing in {})", spec.name(), runId, spec.inputs(), output, out.dir());
    try {
      StageContext ctx = new StageContext(spark, config, spec.name(), runId, out);
      StageResult result = stage.run(ctx);
      long rejected = ctx.rejectedByReason().values().stream().mapToLong(Long::longValue).sum();
      StageReport report = new StageReport(spec.name(), runId, started, Instant.now(), spec.inputs(), output,
          spec.outputs(), result.rowsIn(), result.rowsOut(), rejected, ctx.rejectedByReason(), ctx.timer().seconds(),
          spec.settings(), BuildInfo.versions(spark.version()), result.section());
      String json = report.toJson();
      out.writeText("report.json", json);
      if (spec.resumable()) {
        out.writeText("_runs/" + runId + ".json", json);
      }
      out.commit();
      return report;
    } catch (RuntimeException | Error e) {
      out.abort();
      throw e;
    } catch (IOException e) {
      out.abort();
      throw new UncheckedIOException(spec.name() + " failed: " + e.getMessage(), e);
    } catch (Exception e) {
      out.abort();
      throw new IllegalStateException(spec.name() + " failed: " + e.getMessage(), e);
    }
  }

  static String newRunId(Instant at) {
    return RUN_ID.format(at) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }
}
