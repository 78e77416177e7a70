package io.corpusforge.e2e.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.generate.GenerateCommand;
import io.corpusforge.jobs.stage.StageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generate job end to end on local Spark with the extractive method (no model): output layout and schema,
 * error rows, determinism, and --resume after a partial run.
 */
class GenerateExtractiveE2ETest {
  @TempDir
  static Path dir;
  static Path input;
  static final int GOOD = 40;

  @BeforeAll
  static void input() throws IOException {
    TestSpark.session();
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < GOOD; i++) {
      lines.add("{\"id\":\"doc-" + i + "\",\"text\":\"第" + i + "号文件讨论新能源汽车。新能源汽车的电池成本持续下降。"
          + "电池技术进步推动新能源汽车销量增长。今天天气很好。\"}");
    }
    lines.add("{\"id\":\"broken\", \"text\": ");
    lines.add("{\"id\":\"no-text\", \"title\": \"只有标题\"}");
    lines.add("");
    input = dir.resolve("docs");
    Files.createDirectories(input);
    // two files: two input partitions at least
    Files.write(input.resolve("a.jsonl"), lines.subList(0, 20), StandardCharsets.UTF_8);
    Files.write(input.resolve("b.jsonl"), lines.subList(20, lines.size()), StandardCharsets.UTF_8);
  }

  static void generate(Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of("--task", "summary", "--method", "extractive", "--input",
        input.toString(), "--output", output.toString(), "--set", "generate.summary.max-chars=40"));
    args.addAll(Arrays.asList(extra));
    assertEquals(0, new GenerateCommand().run(args));
  }

  @Test
  void oneRowPerDocumentWithErrorsForBadRows() throws IOException {
    Path out = dir.resolve("run1");
    generate(out);
    List<Row> rows = GenerateOutput.rows(out).collectAsList();
    assertEquals(GenerateOutput.COLUMNS, Arrays.asList(GenerateOutput.rows(out).columns()));
    assertEquals(GOOD + 2, rows.size());
    for (Row r : rows) {
      String id = r.getAs("id");
      if (id.startsWith("doc-")) {
        assertNull(r.getAs("error"));
        assertEquals("新能源汽车的电池成本持续下降。电池技术进步推动新能源汽车销量增长。", r.getAs("text"));
        assertEquals("extractive", r.getAs("finish_reason"));
        assertEquals("summary", r.getAs("task"));
        assertNull(r.getAs("seed"));
      } else {
        assertNull(r.getAs("text"));
        assertEquals("error", r.getAs("finish_reason"));
        assertTrue(((String) r.getAs("error")).startsWith("input: "), (String) r.getAs("error"));
      }
    }
    assertTrue(rows.stream().anyMatch(r -> "no-text".equals(r.getAs("id"))));
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(GOOD + 2, report.at("/generate/outputs_written_this_run").asLong());
    assertEquals(2, report.at("/generate/error_rows_this_run").asLong());
    assertEquals(GOOD + 2, report.at("/generate/rows_in_output").asLong());
    assertEquals("generate", report.get("stage").asText());
    // the error rows are also in rejected/, in the schema every stage shares, with the reader's reasons
    Map<String, String> reasons = new java.util.TreeMap<>();
    TestSpark.session().read().parquet(out.resolve("rejected").toString()).collectAsList()
        .forEach(r -> reasons.put(r.getAs("id"), r.getAs("stage") + " " + r.getAs("reason")));
    assertEquals(Map.of("no-text", "generate missing-text"), Map.of("no-text", reasons.get("no-text")));
    assertEquals(2, reasons.size());
    assertTrue(reasons.values().stream().anyMatch(v -> v.equals("generate malformed-json")), reasons.toString());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void registeredInTheCliWithHelpAndUsageErrors() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream o = new java.io.PrintStream(out, true, StandardCharsets.UTF_8);
    java.io.PrintStream e = new java.io.PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(0, io.corpusforge.cli.Pipeline.run(new String[] {"generate", "--help"}, o, e));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--task NAME"));
    assertEquals(2, io.corpusforge.cli.Pipeline.run(new String[] {"generate", "--task", "poems", "--input", "x",
        "--output", dir.resolve("never").toString()}, o, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown task 'poems'"), err.toString());
    assertEquals(2, io.corpusforge.cli.Pipeline.run(new String[] {"generate", "--task", "product-copy", "--input",
        input.toString(), "--output", dir.resolve("never").toString()}, o, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--model is required"), err.toString());
  }

  @Test
  void rerunIsIdenticalAndAnOutputWithRowsNeedsResume() {
    Path a = dir.resolve("det-a");
    Path b = dir.resolve("det-b");
    generate(a);
    generate(b, "--set", "generate.partitions=3");
    assertEquals(GenerateOutput.texts(a), GenerateOutput.texts(b));
    StageException e = assertThrows(StageException.class, () -> generate(a));
    assertTrue(e.getMessage().contains("--resume"), e.getMessage());
  }

  @Test
  void resumeAfterAPartialRunEndsWithEveryRowExactlyOnce() throws IOException {
    Path out = dir.resolve("resume");
    // a "killed" run: only some rows committed, and a hidden temporary part left behind by a dying task
    generate(out, "--limit", "7");
    assertEquals(7, GenerateOutput.rows(out).count());
    Files.writeString(out.resolve("data/.part-dead-00000.parquet.1-0.tmp"), "half-written");
    generate(out, "--resume");
    List<Row> rows = GenerateOutput.rows(out).collectAsList();
    assertEquals(GOOD + 2, rows.size());
    assertEquals(GOOD + 2, rows.stream().map(r -> r.getAs("id") + "|" + r.getAs("copy_type")).distinct().count());
    // resumed once more: nothing left to do
    generate(out, "--resume");
    assertEquals(GOOD + 2, GenerateOutput.rows(out).count());
    try (Stream<Path> parts = Files.list(out.resolve("data"))) {
      assertEquals(2, parts.filter(p -> p.getFileName().toString().startsWith("part-")
          && p.getFileName().toString().endsWith(".parquet")).map(p -> p.getFileName().toString().substring(5, 25))
          .distinct().count(), "two runs wrote parts; the third had nothing to write");
    }
    // changed settings are a different template hash: resume generates them again, beside the old rows
    generate(out, "--resume", "--set", "generate.summary.max-chars=30");
    assertEquals(2L * (GOOD + 2), GenerateOutput.rows(out).count());
    assertNotNull(GenerateOutput.rows(out).where("template_hash != ''").first());
  }
}
