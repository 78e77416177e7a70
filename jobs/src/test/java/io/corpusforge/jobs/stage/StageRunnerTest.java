package io.corpusforge.jobs.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skeleton around a small real stage on local Spark: output, rejects, report, failure. */
class StageRunnerTest {
  private final SparkSession spark = TestSpark.session();
  @TempDir Path dir;

  /** Keeps the even numbers of 1..n; rejects the odd ones; fails after writing when asked to. */
  private record EvenStage(int n, boolean fail) implements Stage {
    @Override
    public StageSpec spec() {
      return new StageSpec("even", List.of("range(1.." + n + ")"), List.of("kept/", "rejected/", "report.json"),
          Map.of("n", n));
    }

    @Override
    public StageResult run(StageContext ctx) {
      Dataset<Row> all = ctx.spark().range(1, n + 1).toDF("x");
      ctx.phase("read");
      Dataset<Row> kept = all.filter(col("x").mod(2).equalTo(0));
      kept.write().parquet(ctx.output().path("kept"));
      Dataset<Row> odd = all.filter(col("x").mod(2).equalTo(1));
      ctx.writeRejects(Rejects.of(odd, name(), col("x"), lit("odd"), col("x"), lit("not even"),
          col("x").cast("string")));
      ctx.phase("write");
      if (fail) {
        throw new IllegalStateException("boom after writing");
      }
      long out = kept.count();
      return new StageResult(n, out, new StageSection() {
        @Override
        public Map<String, Object> toMap() {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("evens", out);
          return m;
        }

        @Override
        public List<String> summaryLines() {
          return List.of("evens: " + out);
        }
      });
    }
  }

  private StageReport run(Path out, Stage stage, OutputPolicy policy) throws Exception {
    return StageRunner.run(spark, stage, out.toString(), policy, PipelineConfig.defaults());
  }

  @Test
  void commitsOutputsRejectsAndTheReportHeader() throws Exception {
    Path out = dir.resolve("out");
    StageReport report = run(out, new EvenStage(10, false), OutputPolicy.REFUSE);
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertEquals(5, spark.read().parquet(out.resolve("kept").toString()).count());

    Dataset<Row> rejects = spark.read().parquet(out.resolve("rejected").toString());
    assertEquals(List.of("id", "stage", "reason", "value", "detail", "record"), List.of(rejects.columns()));
    assertEquals(Rejects.SCHEMA.simpleString(), rejects.schema().asNullable().simpleString());
    assertEquals(List.of("1", "3", "5", "7", "9"),
        rejects.select("id").as(Encoders.STRING()).collectAsList().stream().sorted().toList());
    assertEquals(List.of("even"), rejects.select("stage").distinct().as(Encoders.STRING()).collectAsList());

    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("stage", "run_id", "started", "finished", "seconds", "inputs", "output", "outputs", "rows",
        "rejected_by_reason", "phase_seconds", "settings", "versions", "even"), keys);
    assertEquals("even", json.get("stage").asText());
    assertEquals(report.runId(), json.get("run_id").asText());
    assertTrue(json.get("run_id").asText().matches("\\d{8}T\\d{6}-[0-9a-f]{4}"));
    assertEquals(10, json.at("/rows/in").asLong());
    assertEquals(5, json.at("/rows/out").asLong());
    assertEquals(5, json.at("/rows/rejected").asLong());
    assertEquals(5, json.at("/rejected_by_reason/odd").asLong());
    assertTrue(json.get("phase_seconds").has("read") && json.get("phase_seconds").has("write"));
    assertEquals(10, json.at("/settings/n").asInt());
    assertEquals(spark.version(), json.at("/versions/spark").asText());
    assertTrue(json.at("/versions/git_commit").asText().matches("[0-9a-f]{40}|unknown"));
    assertEquals(5, json.at("/even/evens").asLong());

    String summary = report.summary();
    assertTrue(summary.startsWith("even: 10 rows in, 5 out, 5 rejected in "), summary);
    assertTrue(summary.contains("rejected by reason: odd 5"), summary);
    assertTrue(summary.contains("evens: 5"), summary);
  }

  @Test
  void aFailingStageLeavesNoHalfWrittenOutputAndTheOldOneIntact() throws Exception {
    Path fresh = dir.resolve("fresh");
    assertThrows(IllegalStateException.class, () -> run(fresh, new EvenStage(10, true), OutputPolicy.REFUSE));
    assertFalse(Files.exists(fresh), "no output at all");

    Path old = dir.resolve("old");
    run(old, new EvenStage(4, false), OutputPolicy.REFUSE);
    String before = Files.readString(old.resolve("report.json"));
    assertThrows(IllegalStateException.class, () -> run(old, new EvenStage(10, true), OutputPolicy.OVERWRITE));
    assertEquals(before, Files.readString(old.resolve("report.json")), "old output untouched");
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("old"), s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("fresh")).toList(),
          "no work directory left behind");
    }
  }

  @Test
  void anExistingOutputIsRefusedWithoutOverwrite() throws Exception {
    Path out = dir.resolve("out");
    run(out, new EvenStage(4, false), OutputPolicy.REFUSE);
    StageException e = assertThrows(StageException.class,
        () -> run(out, new EvenStage(4, false), OutputPolicy.REFUSE));
    assertTrue(e.getMessage().endsWith("already exists; pass --overwrite to replace it"), e.getMessage());
    run(out, new EvenStage(6, false), OutputPolicy.OVERWRITE);
    assertEquals(3, spark.read().parquet(out.resolve("kept").toString()).count());
  }
}
