package io.corpusforge.jobs.io;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.stage.StageException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader in Spark: the same reject semantics for JSON Lines, Parquet and plain text. */
class CorpusInputTest {
  private static final ReadOptions LIMITS = new ReadOptions(List.of("text"), List.of("id"),
      ReadOptions.IdPolicy.REQUIRE, ReadOptions.Decoding.UTF_8, 64, 0.1, 1000);
  private final SparkSession spark = TestSpark.session();
  @TempDir Path dir;

  private static Map<String, String> rejectsById(Dataset<Row> read) {
    Map<String, String> m = new TreeMap<>();
    for (Row r : read.select("_id", "_reject", "_record").collectAsList()) {
      m.put(String.valueOf(r.getString(0)), String.valueOf(r.getString(1)));
    }
    return m;
  }

  @Test
  void jsonLinesRowsAreKeptOrRejectedWithAReason() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes("""
        {"id": "ok", "text": "正常的文本", "quality_score": 0.9}
        {"id": "broken", "text": "没有结尾
        {"text": "没有编号"}
        {"id": "notext", "title": "只有标题"}
        {"id": "big", "text": "这一行的文字超过了六十四个字节的限制，所以整条记录会被拒绝而不是读入"}
        """.getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("{\"id\": \"badbytes\", \"text\": \"坏".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
    bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    Path jsonl = dir.resolve("docs.jsonl");
    Files.write(jsonl, bytes.toByteArray());

    Dataset<Row> read = CorpusInput.readWithColumns(spark, List.of(jsonl.toString()), LIMITS);
    Map<String, String> reasons = rejectsById(read);
    assertEquals("null", reasons.get("ok"));
    assertEquals("missing-text", reasons.get("notext"));
    Row big = read.filter(col("_reject").equalTo("oversized")).first();
    assertTrue(big.<String>getAs("_record").startsWith("{\"id\": \"big\""), "an oversized line keeps its head");
    Map<String, Long> counts = new TreeMap<>();
    read.groupBy("_reject").count().collectAsList()
        .forEach(r -> counts.put(String.valueOf(r.getString(0)), r.getLong(1)));
    assertEquals(Map.of("null", 1L, "malformed-json", 1L, "missing-id", 1L, "missing-text", 1L, "oversized", 1L,
        "undecodable", 1L), counts);
    assertEquals(6, read.count());
    Row malformed = read.filter(col("_reject").equalTo("malformed-json")).first();
    assertTrue(malformed.<String>getAs("_record").contains("没有结尾"), "the original line is kept");
    Row ok = read.filter(col("_id").equalTo("ok")).first();
    assertEquals(0.9, ok.<Double>getAs("quality_score"), 1e-9); // user columns pass through
    assertNull(ok.getAs("_reject"));
  }

  @Test
  void parquetAndPlainTextFollowTheSameRules() throws Exception {
    Path parquet = dir.resolve("p");
    spark.createDataFrame(List.of(new Doc("a", "好的文本"), new Doc(null, "无编号"), new Doc("c", null)), Doc.class)
        .write().parquet(parquet.toString());
    Path txt = Files.createDirectories(dir.resolve("t"));
    Files.writeString(txt.resolve("one.txt"), "一篇纯文本文档");
    Files.write(txt.resolve("bad.txt"), new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0x00, 0x01, 0x02});

    Dataset<Row> read = CorpusInput.read(spark, List.of(parquet.toString(), txt.toString()), LIMITS,
        InputFormat.BY_NAME);
    Map<String, String> reasons = rejectsById(read);
    assertEquals("null", reasons.get("a"));
    assertEquals("missing-text", reasons.get("c"));
    assertEquals(1, read.filter(col("_reject").equalTo("missing-id")).count());
    assertEquals("null", reasons.get("one.txt"), reasons.toString());
    assertTrue(reasons.get("bad.txt").matches("binary|undecodable"), reasons.toString());
  }

  @Test
  void aMissingColumnOrPathIsAJobLevelError() throws Exception {
    Path jsonl = Files.writeString(dir.resolve("x.jsonl"), "{\"id\": \"1\", \"body\": \"x\"}\n");
    StageException e = assertThrows(StageException.class,
        () -> CorpusInput.readWithColumns(spark, List.of(jsonl.toString()), LIMITS));
    assertTrue(e.getMessage().startsWith("input has no 'text' column"), e.getMessage());
    assertThrows(StageException.class,
        () -> CorpusInput.read(spark, List.of(dir.resolve("nope").toString()), LIMITS, InputFormat.BY_NAME));
  }

  @Test
  void derivedIdsAreTheSameForALineAndTheSameRecordInParquet() throws Exception {
    ReadOptions derive = new ReadOptions(List.of("text"), List.of("id"), ReadOptions.IdPolicy.DERIVE,
        ReadOptions.Decoding.UTF_8, 1 << 20, 0.1, 1000);
    Path jsonl = Files.writeString(dir.resolve("d.jsonl"), "{\"text\":\"无编号\"}\n");
    Path parquet = dir.resolve("dp");
    spark.createDataFrame(List.of(new Doc(null, "无编号")), Doc.class).write().parquet(parquet.toString());
    Dataset<Row> read = CorpusInput.readWithColumns(spark, List.of(jsonl.toString(), parquet.toString()), derive);
    List<Row> rows = read.select("_id", "_reject", "text").collectAsList();
    assertEquals(2, rows.size());
    String expected = RecordReader.derivedId("{\"text\":\"无编号\"}");
    for (Row r : rows) {
      assertEquals(expected, r.getString(0), "Parquet rows are read as JSON objects, as a JSON line is");
      assertNull(r.get(1));
      assertEquals("无编号", r.getString(2));
    }
  }

  @Test
  void aParquetRowIsTheJsonThatGenerateHashedBefore() throws Exception {
    // generate derived ids from Dataset.toJSON() rows before the one reader: to_json(struct(*)) must give the same
    // text, or --resume over an older output would not find id-less Parquet rows again
    Path parquet = dir.resolve("typed");
    spark.sql("SELECT CAST(NULL AS STRING) AS id, '正文' AS text, 3 AS n, 2.5D AS d, true AS b, array('a','b') AS a,"
        + " map('k', 'v') AS m, named_struct('x', 1) AS s").write().parquet(parquet.toString());
    String before = spark.read().parquet(parquet.toString()).toJSON().first();
    ReadOptions derive = new ReadOptions(List.of("text"), List.of("id"), ReadOptions.IdPolicy.DERIVE,
        ReadOptions.Decoding.UTF_8, 1 << 20, 0.1, 1000);
    Row read = CorpusInput.read(spark, List.of(parquet.toString()), derive, InputFormat.PARQUET).first();
    assertEquals(before, read.<String>getAs("_json"));
    assertEquals(RecordReader.derivedId(before), read.<String>getAs("_id"));
  }

  @Test
  void aFormatForEveryFileAndGeneratesAutoDetection() throws Exception {
    Path jsonl = Files.writeString(dir.resolve("products.txt"), "{\"id\":\"p\",\"text\":\"一\"}\n\n");
    assertEquals(InputFormat.JSONL, CorpusInput.format(spark, List.of(dir.toString()), "auto"));
    assertEquals(InputFormat.JD, CorpusInput.format(spark, List.of(dir.toString()), "jd"));
    Dataset<Row> asLines = CorpusInput.read(spark, List.of(jsonl.toString()), LIMITS, InputFormat.JSONL);
    assertEquals("p", asLines.first().getString(0), "named JSON Lines, a .txt file is read line by line");
    Dataset<Row> byName = CorpusInput.read(spark, List.of(jsonl.toString()), LIMITS, InputFormat.BY_NAME);
    assertEquals("products.txt", byName.first().getString(0), "by name, a .txt file is one document");
  }

  /** A Parquet row for the test. */
  public static class Doc implements java.io.Serializable {
    private String id;
    private String text;

    public Doc() {}

    Doc(String id, String text) {
      this.id = id;
      this.text = text;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getText() {
      return text;
    }

    public void setText(String text) {
      this.text = text;
    }
  }
}
