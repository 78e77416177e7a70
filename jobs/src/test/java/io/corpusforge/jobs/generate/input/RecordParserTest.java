package io.corpusforge.jobs.generate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  private final RecordParser products =
      new RecordParser(RecordParser.Kind.PRODUCT, PRODUCT_ALIASES, List.of("类型", "类别"), List.of("品牌"));
  private final RecordParser documents = new RecordParser(RecordParser.Kind.DOCUMENT,
      Map.of("id", List.of("id"), "text", List.of("text", "content"), "title", List.of("title")), List.of(), List.of());

  @Test
  void fullProductWithAttributeMap() {
    InputRecord r = products.parse("{\"sku\":\"A1\",\"name\":\"宽松牛仔裤\",\"brand\":\"某牌\",\"price\":199.5,"
        + "\"attributes\":{\"材质\":\"棉\",\"颜色\":[\"蓝\",\"黑\"]},\"description\":\" 舒适百搭 \"}");
    assertNull(r.error());
    assertEquals("A1", r.id());
    assertEquals(Map.of("title", "宽松牛仔裤", "brand", "某牌", "price", "199.5", "attributes", "材质：棉；颜色：蓝、黑",
        "description", "舒适百搭"), r.fields());
  }

  @Test
  void advertiseGenLineGetsDerivedIdAndCategoryFromAttributes() {
    String line = "{\"content\": \"类型#裤*版型#宽松*风格#性感\", \"summary\": \"参考文案\"}";
    InputRecord r = products.parse(line);
    assertNull(r.error());
    assertEquals(RecordParser.derivedId(line), r.id());
    assertTrue(r.id().startsWith("sha256:") && r.id().length() == 7 + 16, r.id());
    assertEquals("裤", r.field("category"));
    assertEquals("类型：裤；版型：宽松；风格：性感", r.field("attributes"));
  }

  @Test
  void badRowsAreRejectedWithAReason() {
    InputRecord notJson = products.parse("{\"id\": 1,");
    assertTrue(notJson.error().startsWith("input: not valid JSON"), notJson.error());
    assertTrue(notJson.id().startsWith("sha256:"));
    InputRecord empty = products.parse("{\"id\": 7, \"price\": 3}");
    assertEquals("7", empty.id());
    assertTrue(empty.error().contains("no title, attributes or description"), empty.error());
    assertTrue(products.parse("[1,2]").error().contains("not a JSON object"));
    assertEquals("reader says no", products.parse("{\"id\":\"f\",\"_error\":\"reader says no\"}").error());
  }

  @Test
  void documents() {
    InputRecord d = documents.parse("{\"id\":\"d1\",\"content\":\"正文。\",\"title\":\"标题\"}");
    assertEquals(Map.of("text", "正文。", "title", "标题"), d.fields());
    assertTrue(documents.parse("{\"id\":\"d2\",\"text\":\"  \"}").error().contains("no text"));
  }

  @Test
  void recordOverTheSharedSizeLimitIsRejectedUnparsed() {
    RecordParser limited = new RecordParser(RecordParser.Kind.DOCUMENT,
        Map.of("id", List.of("id"), "text", List.of("text")), List.of(), List.of(), 40);
    String small = "{\"id\":\"s\",\"text\":\"短文。\"}";
    assertNull(limited.parse(small).error());
    String big = "{\"id\":\"b\",\"text\":\"" + "长".repeat(12) + "\"}";  // 20 ASCII bytes + 36 of 长
    InputRecord r = limited.parse(big);
    assertEquals("input: oversized: record has 56 bytes, limit 40", r.error());
    assertEquals(RecordParser.derivedId(big), r.id());
  }
}
