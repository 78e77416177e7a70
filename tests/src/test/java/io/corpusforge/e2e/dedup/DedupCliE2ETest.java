package io.corpusforge.e2e.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.Pipeline;
import io.corpusforge.e2e.ProjectPaths;
import io.corpusforge.jobs.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pipeline clean} on samples/corpus, then {@code bin/pipeline dedup} on its kept/ plus a JSON Lines file
 * of planted copies (in-process, the same arguments a user types).
 */
class DedupCliE2ETest {
  @TempDir
  Path tmp;

  private static int run(ByteArrayOutputStream out, String... args) throws Exception {
    PrintStream previous = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return Pipeline.run(args, System.out, System.err);
    } finally {
      System.setOut(previous);
    }
  }

  @Test
  void cleanThenDedupRemovesPlantedCopiesAndKeepsTheCleanSchema() throws Exception {
    SparkSession spark = TestSpark.session();
    Path clean = tmp.resolve("clean");
    assertEquals(0, run(new ByteArrayOutputStream(), "clean", "--input",
        ProjectPaths.samples().resolve("corpus").toString(), "--output", clean.toString()));
    List<Row> cleanKept = spark.read().parquet(clean.resolve("kept").toString()).orderBy("id").collectAsList();
    Row longest = cleanKept.stream().max((a, b) -> Integer.compare(
        a.<String>getAs("text").length(), b.<String>getAs("text").length())).orElseThrow();
    String text = longest.getAs("text");
    assertTrue(text.length() > 200, "samples should hold a document of a few hundred characters");

    // planted: a punctuation/spacing variant (exact after normalization) and a copy missing its tail (near)
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    lines.add(json.writeValueAsString(Map.of("id", "planted-exact", "text",
        text.replace("，", ", ").replace("。", ". "), "quality_score", 0.0)));
    lines.add(json.writeValueAsString(Map.of("id", "planted-near", "text",
        text.substring(0, (int) (text.length() * 0.93)), "quality_score", 0.0)));
    Path planted = tmp.resolve("planted");
    Files.createDirectories(planted);
    Files.write(planted.resolve("copies.jsonl"), lines, StandardCharsets.UTF_8);

    Path out = tmp.resolve("dedup");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    assertEquals(0, run(printed, "dedup", "--input", clean.resolve("kept").toString(), planted.toString(),
        "--output", out.toString()));
    assertTrue(printed.toString(StandardCharsets.UTF_8).contains("exact duplicates removed"));

    Map<String, Row> clusters = spark.read().parquet(out.resolve("clusters").toString()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("id"), r -> r, (a, b) -> a, LinkedHashMap::new));
    String original = longest.getAs("id");
    for (String copy : List.of("planted-exact", "planted-near")) {
      assertFalse((Boolean) clusters.get(copy).getAs("kept"), copy + " should be removed");
      assertEquals(clusters.get(original).<String>getAs("cluster_id"), clusters.get(copy).<String>getAs("cluster_id"));
    }
    assertEquals(cleanKept.size() + 2, clusters.size());
    assertEquals(List.of(spark.read().parquet(clean.resolve("kept").toString()).columns()),
        List.of(spark.read().parquet(out.resolve("kept").toString()).columns()));
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(cleanKept.size() + 2, report.at("/rows/in").asLong());
    assertEquals(spark.read().parquet(out.resolve("kept").toString()).count(), report.at("/rows/out").asLong());
    assertTrue(report.at("/dedup/exact_duplicates_removed").asLong() + report.at("/dedup/near_duplicates_removed").asLong()
        >= 2);

    // a second run into the same directory is refused without --overwrite (exit 2), accepted with it
    assertEquals(2, run(new ByteArrayOutputStream(), "dedup", "--input", planted.toString(), "--output",
        out.toString()));
    assertEquals(0, run(new ByteArrayOutputStream(), "dedup", "--input", planted.toString(), "--output",
        out.toString(), "--overwrite"));
  }
}
