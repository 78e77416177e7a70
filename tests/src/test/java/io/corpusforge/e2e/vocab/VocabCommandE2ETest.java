package io.corpusforge.e2e.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.CliArgs;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.stage.StageException;
import io.corpusforge.jobs.vocab.VocabCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pipeline vocab} end to end on local Spark: a Parquet input (as the clean job writes kept/) unioned with
 * JSON Lines holding bad rows; report, tokenizer files and word statistics; identical output on a second run;
 * usage errors.
 */
class VocabCommandE2ETest {
  @TempDir
  static Path dir;
  static Path parquet;
  static Path jsonl;

  static final String[] CLAUSES = {"新能源汽车的电池成本持续下降", "电池技术进步推动销量增长", "今天上海的天气很好",
      "我们在图书馆学习人工智能", "这款手机售价2999元", "Free shipping on all orders", "限时优惠😀全场八折"};

  @BeforeAll
  static void inputs() throws IOException {
    SparkSession spark = TestSpark.session();
    Random r = new Random(1);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 2 + r.nextInt(5); k > 0; k--) {
        sb.append(CLAUSES[r.nextInt(CLAUSES.length)]).append("。");
      }
      rows.add(org.apache.spark.sql.RowFactory.create("p-" + i, sb.toString(), 0.5));
    }
    parquet = dir.resolve("kept");
    spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
            .add("id", "string").add("text", "string").add("quality_score", "double"))
        .repartition(3).write().parquet(parquet.toString());
    jsonl = dir.resolve("extra");
    Files.createDirectories(jsonl);
    Files.write(jsonl.resolve("extra.jsonl"), List.of(
        "{\"id\":\"j-1\",\"text\":\"新能源汽车的电池成本持续下降，今天上海的天气很好。\"}",
        "{\"id\":\"j-2\",\"text\":",
        "{\"id\":\"j-3\"}",
        "{\"id\":7,\"text\":\"数字编号的文档也可以\"}"), StandardCharsets.UTF_8);
  }

  static Path run(String name, String... extra) throws Exception {
    return runOn(parquet, name, extra);
  }

  static Path runOn(Path parquetInput, String name, String... extra) throws Exception {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("--input", parquetInput.toString(), jsonl.toString(),
        "--output", out.toString(), "--vocab-size", "400", "--set", "vocab.held-out.per-mille=100"));
    args.addAll(List.of(extra));
    assertEquals(0, new VocabCommand().run(args));
    return out;
  }

  private static Path first;

  /** The default run, shared by the tests that read it (each job run costs seconds of Spark). */
  static synchronized Path firstRun() throws Exception {
    if (first == null) {
      first = run("run1");
    }
    return first;
  }

  @Test
  void writesEveryOutputAndReportsBadRows() throws Exception {
    Path out = firstRun();
    for (String f : List.of("tokenizer.json", "vocab.json", "merges.txt", "tokenizer.gguf", "report.json")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(204, report.at("/rows/in").asLong());
    assertEquals(1, report.get("rejected_by_reason").get("malformed-json").asLong());
    assertEquals(1, report.get("rejected_by_reason").get("missing-text").asLong());
    assertEquals(202, report.at("/vocab/training_docs").asLong() + report.at("/vocab/held_out_docs").asLong());
    assertEquals(400, report.at("/vocab/vocab_size").asInt());
    assertTrue(report.at("/vocab/held_out").get("round_trip_exact").asBoolean());
    assertTrue(report.at("/vocab/held_out").get("bytes_per_token").asDouble() > 3, "merges compress Chinese");
    List<String> words = TestSpark.session().read().parquet(out.resolve("words").toString())
        .select("word").as(Encoders.STRING()).collectAsList();
    assertTrue(words.contains("电池"), words.toString());
  }

  @Test
  void sameInputSameOutput() throws Exception {
    // the same rows in one file instead of three: other partitions, same result
    Path oneFile = dir.resolve("kept-one-file");
    TestSpark.session().read().parquet(parquet.toString()).coalesce(1).write().parquet(oneFile.toString());
    Path a = firstRun();
    Path b = runOn(oneFile, "det-b");
    for (String f : List.of("tokenizer.json", "vocab.json", "merges.txt", "tokenizer.gguf")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    SparkSession spark = TestSpark.session();
    assertEquals(spark.read().parquet(a.resolve("words").toString()).collectAsList(),
        spark.read().parquet(b.resolve("words").toString()).collectAsList());
  }

  @Test
  void usageErrorsAreReported() {
    CliArgs.UsageException e = assertThrows(CliArgs.UsageException.class,
        () -> new VocabCommand().run(List.of("--input", parquet.toString(), "--output", dir.resolve("x").toString(),
            "--vocab-size", "100")));
    assertTrue(e.getMessage().contains("below 256 byte tokens"), e.getMessage());
    e = assertThrows(CliArgs.UsageException.class, () -> new VocabCommand().run(List.of("--input",
        parquet.toString(), "--output", dir.resolve("y").toString(), "--set", "vocab.pre-tokenizer=falcon")));
    assertTrue(e.getMessage().contains("supported"), e.getMessage());
    // a missing input is a job-level error (exit 2 as well), raised by the shared reader
    assertThrows(StageException.class, () -> new VocabCommand().run(List.of("--input",
        dir.resolve("missing").toString(), "--output", dir.resolve("z").toString())));
  }
}
