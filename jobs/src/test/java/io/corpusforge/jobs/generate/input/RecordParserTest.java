package io.corpusforge.jobs.generate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.io.RecordReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordParserTest {
  static final Map<String, List<String>> PRODUCT_ALIASES = Map.of(
      "id", List.of("id", "sku"),
      "title", List.of("title", "name"),
      "category", List.of("category"),
      "brand", List.of("brand"),
      "attributes", List.of("attributes", "content"),
      "description", List.of("description"),
      "price", List.of("price"));
  /** The reader's options of these tests; the parser adds its id (and text) aliases. */
  static final ReadOptions DEFAULTS = new ReadOptions(List.of(), List.of(), ReadOptions.IdPolicy.DERIVE,
      ReadOptions.Decoding.UTF_8, 1 << 20, 0.1, 1000);

  static RecordReader reader(RecordParser parser) {
    return new RecordReader(parser.readOptions(DEFAULTS));
  }

  /** One JSON line through the reader and the parser, as the job reads it. */
  static InputRecord parse(RecordParser parser, String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return parser.parse(reader(parser).line(bytes, bytes.length, "test.jsonl:1"));
  }

  private final RecordParser products =
      new RecordParser(RecordParser.Kind.PRODUCT, PRODUCT_ALIASES, List.of("类型", "类别"), List.of("品牌"));
  private final RecordParser documents = new RecordParser(RecordParser.Kind.DOCUMENT,
      Map.of("id", List.of("id"), "text", List.of("text", "content"), "title", List.of("title")), List.of(), List.of());

  @Test
  void fullProductWithAttributeMap() {
    InputRecord r = parse(products, "{\"sku\":\"A1\",\"name\":\"宽松牛仔裤\",\"brand\":\"某牌\",\"price\":199.5,"
        + "\"attributes\":{\"材质\":\"棉\",\"颜色\":[\"蓝\",\"黑\"]},\"description\":\" 舒适百搭 \"}");
    assertNull(r.error());
    assertEquals("A1", r.id());
    assertEquals(Map.of("title", "宽松牛仔裤", "brand", "某牌", "price", "199.5", "attributes", "材质：棉；颜色：蓝、黑",
        "description", "舒适百搭"), r.fields());
  }

  @Test
  void advertiseGenLineGetsDerivedIdAndCategoryFromAttributes() {
    String line = "{\"content\": \"类型#裤*版型#宽松*风格#性感\", \"summary\": \"参考文案\"}";
    InputRecord r = parse(products, line);
    assertNull(r.error());
    assertEquals(RecordReader.derivedId(line), r.id());
    assertTrue(r.id().startsWith("sha256:") && r.id().length() == 7 + 16, r.id());
    assertEquals("裤", r.field("category"));
    assertEquals("类型：裤；版型：宽松；风格：性感", r.field("attributes"));
  }

  @Test
  void badRowsAreRejectedWithAReason() {
    InputRecord notJson = parse(products, "{\"id\": 1,");
    assertTrue(notJson.error().startsWith("input: malformed-json: test.jsonl:1: "), notJson.error());
    assertTrue(notJson.id().startsWith("sha256:"));
    InputRecord empty = parse(products, "{\"id\": 7, \"price\": 3}");
    assertEquals("7", empty.id());
    assertTrue(empty.error().contains("no title, attributes or description"), empty.error());
    assertTrue(parse(products, "[1,2]").error().contains("not a JSON object"));
  }

  @Test
  void documents() {
    InputRecord d = parse(documents, "{\"id\":\"d1\",\"content\":\"正文。\",\"title\":\"标题\"}");
    assertEquals(Map.of("text", "正文。", "title", "标题"), d.fields());
    InputRecord blank = parse(documents, "{\"id\":\"d2\",\"text\":\"  \"}");
    assertEquals("input: missing-text: test.jsonl:1: no text among [text, content]", blank.error());
    assertEquals("d2", blank.id());
  }

  @Test
  void recordOverTheSharedSizeLimitIsRejectedUnparsed() {
    RecordParser limited = new RecordParser(RecordParser.Kind.DOCUMENT,
        Map.of("id", List.of("id"), "text", List.of("text")), List.of(), List.of());
    RecordReader reader = new RecordReader(limited.readOptions(new ReadOptions(List.of(), List.of(),
        ReadOptions.IdPolicy.DERIVE, ReadOptions.Decoding.UTF_8, 40, 0.1, 1000)));
    String small = "{\"id\":\"s\",\"text\":\"短文。\"}";
    assertNull(limited.parse(reader.row(small, "p.parquet")).error());
    String big = "{\"id\":\"b\",\"text\":\"" + "长".repeat(12) + "\"}";  // 20 ASCII bytes + 36 of 长
    InputRecord r = limited.parse(reader.row(big, "p.parquet"));
    assertEquals("input: oversized: p.parquet: record has 56 bytes, limit 40", r.error());
    assertEquals(RecordReader.derivedId(big), r.id());
  }
}
