package io.corpusforge.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one reader's rules for a single record: every reject reason, both id policies, both decodings. */
class RecordReaderTest {
  private static ReadOptions options(ReadOptions.IdPolicy id, ReadOptions.Decoding decoding) {
    return new ReadOptions(List.of("text", "content"), List.of("id", "doc_id"), id, decoding, 64, 0.1, 20);
  }

  private final RecordReader derive = new RecordReader(options(ReadOptions.IdPolicy.DERIVE,
      ReadOptions.Decoding.UTF_8));
  private final RecordReader require = new RecordReader(options(ReadOptions.IdPolicy.REQUIRE,
      ReadOptions.Decoding.UTF_8));
  private final RecordReader chinese = new RecordReader(options(ReadOptions.IdPolicy.DERIVE,
      ReadOptions.Decoding.CHINESE));

  private static SourceRecord line(RecordReader reader, byte[] bytes) {
    return reader.line(bytes, bytes.length, "f.jsonl:1");
  }

  private static SourceRecord line(RecordReader reader, String json) {
    return line(reader, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aGoodRecordGivesIdTextTheWholeObjectAndTheOtherFieldsAsMetadata() {
    SourceRecord r = line(derive, "{\"doc_id\": 12, \"content\": \"正文\", \"url\": \"http://a\", \"tags\": [1]}");
    assertNull(r.reject());
    assertEquals("12", r.id(), "a number is an id too");
    assertEquals("正文", r.text());
    assertEquals("f.jsonl:1", r.source());
    assertEquals("http://a", r.metadata().get("url"));
    assertEquals("[1]", r.metadata().get("tags"));
    assertEquals("f.jsonl:1", r.metadata().get("source"));
    assertTrue(r.json().contains("\"doc_id\":12") && r.json().contains("\"content\""), r.json());
    assertNull(r.record(), "only a reject keeps its record");
  }

  @Test
  void theFirstFieldWithANonBlankStringWins() {
    assertEquals("后备", line(derive, "{\"id\": \"a\", \"text\": \"  \", \"content\": \"后备\"}").text());
    assertEquals("b", line(derive, "{\"id\": \"\", \"doc_id\": \"b\", \"text\": \"文\"}").id());
  }

  @Test
  void malformedJson() {
    SourceRecord r = line(derive, "{\"id\": \"x\", \"text\": \"没有结尾");
    assertEquals("malformed-json", r.reject());
    assertTrue(r.rejectDetail().startsWith("f.jsonl:1: "), r.rejectDetail());
    assertEquals("{\"id\": \"x\", \"text\": ", r.record(), "cut at the rejects limit (20 chars)");
    assertEquals("malformed-json", line(derive, "[1, 2]").reject());
    assertEquals("malformed-json", line(derive, "\"just a string\"").reject());
  }

  @Test
  void missingText() {
    assertEquals("missing-text", line(derive, "{\"id\": \"a\", \"title\": \"只有标题\"}").reject());
    assertEquals("missing-text", line(derive, "{\"id\": \"a\", \"text\": \"   \"}").reject());
    SourceRecord number = line(derive, "{\"id\": \"a\", \"text\": 42}");
    assertEquals("missing-text", number.reject());
    assertEquals("a", number.id(), "a record with an id keeps it when rejected");
    RecordReader noText = new RecordReader(derive.options().withFields(List.of(), List.of("sku")));
    SourceRecord product = line(noText, "{\"sku\": \"p1\", \"title\": \"商品\"}");
    assertNull(product.reject(), "without text fields no text is required");
    assertNull(product.text());
  }

  @Test
  void missingIdIsDerivedOrRejectedAsThePolicySays() {
    String json = "{\"text\": \"没有编号\"}";
    SourceRecord derived = line(derive, json);
    assertNull(derived.reject());
    assertEquals(RecordReader.derivedId(json), derived.id());
    assertTrue(derived.id().matches("sha256:[0-9a-f]{16}"), derived.id());
    assertEquals(derived.id(), line(derive, json).id(), "the same record, the same id");
    assertEquals(derived.id(), derive.row(json, "other.parquet").id(), "the same in every format and source");
    SourceRecord required = line(require, json);
    assertEquals("missing-id", required.reject());
    assertNull(required.id());
    assertEquals("missing-id", line(require, "{\"id\": \" \", \"text\": \"文\"}").reject());
    assertEquals("missing-id", line(require, "{\"id\": {\"a\": 1}, \"text\": \"文\"}").reject());
  }

  @Test
  void undecodableBytesUnderUtf8OnlyAndDetectedChineseEncodings() {
    byte[] gbk = "{\"id\": \"g\", \"text\": \"南都讯记者昨日获悉全市公交线路\"}".getBytes(Charset.forName("GBK"));
    SourceRecord strict = line(derive, gbk);
    assertEquals("undecodable", strict.reject());
    assertEquals((double) gbk.length, strict.rejectValue());
    SourceRecord detected = line(chinese, gbk);
    assertNull(detected.reject(), detected.rejectDetail());
    assertEquals("南都讯记者昨日获悉全市公交线路", detected.text());
    assertEquals("GB18030", detected.metadata().get("charset"));
  }

  @Test
  void oversizedRowIsRejectedUnparsed() {
    String big = "{\"id\": \"b\", \"text\": \"" + "长".repeat(20) + "\"}";
    SourceRecord r = derive.row(big, "p.parquet");
    assertEquals("oversized", r.reject());
    assertEquals((double) big.getBytes(StandardCharsets.UTF_8).length, r.rejectValue());
    assertEquals(RecordReader.derivedId(big), r.id());
    assertTrue(r.rejectDetail().startsWith("p.parquet: record has"), r.rejectDetail());
    assertNull(derive.row("{\"id\": \"s\", \"text\": \"短\"}", "p.parquet").reject());
  }
}
