package io.corpusforge.e2e.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.Pipeline;
import io.corpusforge.e2e.ProjectPaths;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.io.RecordReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code bin/pipeline clean} (in-process, same arguments) on samples/corpus on local Spark. */
class CleanJobE2ETest {
  @TempDir
  static Path tmp;

  static SparkSession spark;
  static Path out;
  static String printed;
  static Map<String, Row> kept;
  static Map<String, Row> rejected;

  @BeforeAll
  static void runTheJob() throws Exception {
    spark = TestSpark.session();
    out = tmp.resolve("run1");
    printed = run("clean", "--input", ProjectPaths.samples().resolve("corpus").toString(), "--output", out.toString());
    kept = byId(out.resolve("kept"));
    rejected = byId(out.resolve("rejected"));
  }

  static String run(String... args) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Pipeline.run(args, System.out, System.err));
    } finally {
      System.setOut(previous);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  static Map<String, Row> byId(Path dir) {
    return spark.read().parquet(dir.toString()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("id"), r -> r, (a, b) -> {
          throw new AssertionError("id twice: " + a);
        }, TreeMap::new));
  }

  static String text(String id) {
    Row r = kept.get(id);
    assertTrue(r != null, () -> id + " was not kept; rejected as " + (rejected.containsKey(id)
        ? rejected.get(id).getAs("reason") : "(absent)"));
    return r.getAs("text");
  }

  @Test
  void everyInputRecordIsInExactlyOneOutput() throws Exception {
    // 14 news + 10 spam.jsonl lines (1 blank) + 4 products + 3 traditional + 3 gbk + 4 html + 6 feeds
    // + 3 <doc> + image + empty file
    assertEquals(14 + 9 + 4 + 3 + 3 + 4 + 6 + 3 + 2, kept.size() + rejected.size());
    assertTrue(kept.keySet().stream().noneMatch(rejected::containsKey));
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(kept.size(), report.at("/rows/out").asLong());
    assertEquals(rejected.size(), report.at("/rows/rejected").asLong());
    long byReason = 0;
    for (JsonNode n : report.get("rejected_by_reason")) {
      byReason += n.asLong();
    }
    assertEquals(rejected.size(), byReason);
    assertTrue(printed.startsWith("clean: " + (kept.size() + rejected.size()) + " rows in"), printed);
    assertEquals("clean", report.get("stage").asText());
    assertTrue(Files.exists(out.resolve("_SUCCESS")), "committed output");
    assertTrue(rejected.values().stream().allMatch(r -> "clean".equals(r.getAs("stage"))));
  }

  @Test
  void spamAndBrokenRecordsAreRejectedWithReasons() throws Exception {
    for (String id : List.of("spam-0001", "spam-0002", "spam-0003", "spam-0004", "spam-0005", "spam-0006")) {
      assertTrue(rejected.containsKey(id), id + " should be rejected");
    }
    assertEquals("spam-lines", rejected.get("spam-0002").getAs("reason"));
    assertEquals("duplicate-ngram-ratio", rejected.get("spam-0004").getAs("reason"));
    assertEquals("digit-ratio", rejected.get("spam-0005").getAs("reason"));
    // a line that cannot be parsed has the derived id (sha256 of the line); the detail says where it is
    List<String> spam = Files.readAllLines(ProjectPaths.samples().resolve("corpus/spam.jsonl"));
    for (int line : List.of(3, 5)) {
      Row r = rejected.get(RecordReader.derivedId(spam.get(line - 1)));
      assertTrue(r != null, "spam.jsonl:" + line + " is rejected under its derived id");
      assertEquals("malformed-json", r.getAs("reason"));
      assertTrue(r.<String>getAs("detail").startsWith("spam.jsonl:" + line + ": "), r.<String>getAs("detail"));
    }
    assertEquals("missing-text", rejected.get("notext-0001").getAs("reason"));
    assertEquals("binary", rejected.get("misc/image.png").getAs("reason"));
    String original = rejected.get("spam-0002").getAs("record");
    assertTrue(original.contains("QQ：12345678"), "rejected rows keep the original text");
  }

  @Test
  void realPagesAreKeptAndCleaned() {
    for (int i = 1; i <= 14; i++) {
      text(String.format("news-%04d", i));
    }
    for (String id : kept.keySet()) {
      String t = text(id);
      for (String dirt : List.of("<p>", "<script", "&nbsp;", "&ldquo", "?ldquo;", "\u200B", "\uFFFD", "锟斤拷",
          "打开APP查看", "版权所有", "ICP备", "分享到")) {
        assertFalse(t.contains(dirt), () -> id + " still contains " + dirt + ":\n" + t);
      }
    }
  }

  @Test
  void eachKindOfDirtIsHandled() {
    assertTrue(text("news-0002").contains("iPhone 15"), "full-width letters and digits folded");
    assertTrue(text("news-0011").contains("创始人"), "pinyin annotation removed");
    assertFalse(text("news-0011").contains("chuàng"));
    assertTrue(text("news-0013").contains("“春水春池满”"), "mojibake run repaired");
    String pii = text("news-0005");
    assertTrue(pii.contains("<BANK_CARD>") && pii.contains("<ID_CARD>") && pii.contains("<PHONE>"), pii);
    assertFalse(pii.contains("13812345678") || pii.contains("11010519491231002X"));
    assertTrue(text("gbk/nandu-bus-news.txt").startsWith("南都讯"), "GBK decoded");
    assertTrue(text("gbk/history-nanhan-gb18030.txt").contains("刘䶮"), "GB18030-only character kept");
    String big5 = text("traditional/tw-news-big5.html");
    assertTrue(big5.contains("台南老街再现人潮"), "Big5 decoded and converted to simplified: " + big5);
    assertEquals("Big5-HKSCS", ((scala.collection.Map<String, String>) kept.get("traditional/tw-news-big5.html")
        .getAs("metadata")).get("charset").get());
    String recipe = text("news-0008");
    String tip = recipe.lines().filter(l -> l.contains("千万不要用冷水冲")).findFirst().orElse("");
    assertTrue(recipe.lines().filter(l -> l.equals(tip)).count() <= 1, "repeated paragraph dropped");
  }

  @Test
  void rerunGivesIdenticalOutput() throws Exception {
    Path second = tmp.resolve("run2");
    run("clean", "--input", ProjectPaths.samples().resolve("corpus").toString(), "--output", second.toString());
    assertEquals(kept.toString(), byId(second.resolve("kept")).toString());
    assertEquals(rejected.toString(), byId(second.resolve("rejected")).toString());
  }

  @Test
  void parquetInputAndCleaningIsIdempotent() throws Exception {
    Path again = tmp.resolve("again");
    run("clean", "--input", out.resolve("kept").toString(), "--output", again.toString());
    Map<String, Row> second = byId(again.resolve("kept"));
    assertEquals(kept.keySet(), second.keySet(), "cleaned text passes the chain again");
    for (String id : kept.keySet()) {
      assertEquals((String) kept.get(id).getAs("text"), second.get(id).getAs("text"), id);
    }
    Map<String, String> meta = scala.jdk.javaapi.CollectionConverters.asJava(
        (scala.collection.Map<String, String>) second.get("news-0001").getAs("metadata"));
    assertTrue(meta.containsKey("quality_score") && meta.containsKey("edited_by"), meta.toString());
  }

  @Test
  void outputIsZstdParquetAndExistingOutputNeedsOverwrite() throws Exception {
    try (var files = Files.list(out.resolve("kept"))) {
      assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".zstd.parquet")));
    }
    assertEquals(2, Pipeline.run(new String[] {"clean", "--input", "x", "--output", out.toString()},
        System.out, System.err));
  }

  @Test
  void realDirtyWebPagesFromSharedRunWithoutErrors() throws Exception {
    Path web = ProjectPaths.sharedOrSkip("eval/dirty-web");
    Path realOut = tmp.resolve("dirty-web");
    List<String> args = new java.util.ArrayList<>(List.of("clean", "--output", realOut.toString(), "--input"));
    for (String f : List.of("chinesewebtext-samples/cc-2021-43_cleared1.jsonl", "chinesewebtext-samples/fasttext_dirty.jsonl",
        "chinesewebtext-samples/fasttext_clean.jsonl", "tc-commoncrawl-samples/samples.derived.jsonl",
        "sogou-news-smarty/news_sohusite_xml.smarty.dat")) {
      args.add(web.resolve(f).toString());
    }
    run(args.toArray(String[]::new));
    JsonNode report = new ObjectMapper().readTree(realOut.resolve("report.json").toFile());
    long in = report.at("/rows/in").asLong();
    assertTrue(in > 300, "all records read: " + in);
    assertEquals(in, byId(realOut.resolve("kept")).size() + byId(realOut.resolve("rejected")).size());
    assertTrue(report.at("/rows/out").asLong() > in / 2, report.toString());
    assertFalse(report.get("rejected_by_reason").has("rule-failed"), report.toString());
    assertFalse(report.get("rejected_by_reason").has("malformed-json"), report.toString());
  }
}
