package io.corpusforge.jobs.generate.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.jobs.generate.text.Hashes;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one JSON object (a JSON Lines line, or a Parquet row rendered as JSON) into an {@link InputRecord}. Field
 * names are looked up through configured aliases ({@code name} or {@code title}, {@code content} for AdvertiseGen's
 * attribute string...), the first alias present wins. A record without an id gets one derived from its content, so
 * re-runs and {@code --resume} see the same id.
 */
public final class RecordParser implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Set by a format reader (e.g. {@link JdCorpus}) on a record it could not read. */
  public static final String READER_ERROR = "_error";

  /** What the rows are: decides which fields are needed. */
  public enum Kind { PRODUCT, DOCUMENT }

  private final Kind kind;
  private final Map<String, List<String>> aliases;
  private final List<String> categoryAttributes;
  private final List<String> brandAttributes;
  private final long maxRecordBytes;

  /**
   * @param aliases for each normalised field name, the input field names that may hold it, in priority order
   * @param categoryAttributes attribute keys that give the category when no category field is present (类型, 类别...)
   * @param brandAttributes attribute keys that give the brand when no brand field is present (品牌)
   */
  public RecordParser(Kind kind, Map<String, List<String>> aliases, List<String> categoryAttributes,
      List<String> brandAttributes) {
    this(kind, aliases, categoryAttributes, brandAttributes, Long.MAX_VALUE);
  }

  /**
   * @param maxRecordBytes a record (line, or Parquet row as JSON) over this many UTF-8 bytes is rejected as
   *     {@code oversized} without being parsed: the limit every stage's reader applies
   *     ({@code stage.input.max-record-bytes})
   */
  public RecordParser(Kind kind, Map<String, List<String>> aliases, List<String> categoryAttributes,
      List<String> brandAttributes, long maxRecordBytes) {
    this.kind = kind;
    this.maxRecordBytes = maxRecordBytes;
    this.aliases = Map.copyOf(aliases);
    this.categoryAttributes = List.copyOf(categoryAttributes);
    this.brandAttributes = List.copyOf(brandAttributes);
    if (!this.aliases.containsKey("id")) {
      throw new IllegalArgumentException("field aliases must name the id field(s)");
    }
  }

  public InputRecord parse(String jsonLine) {
    long bytes = utf8Length(jsonLine);
    if (bytes > maxRecordBytes) {
      return InputRecord.rejected(derivedId(jsonLine), "input: oversized: record has " + bytes + " bytes, limit "
          + maxRecordBytes);
    }
    JsonNode node;
    try {
      node = JSON.readTree(jsonLine);
    } catch (JsonProcessingException e) {
      return InputRecord.rejected(derivedId(jsonLine), "input: not valid JSON: " + firstLine(e.getOriginalMessage()));
    }
    if (node == null || !node.isObject()) {
      return InputRecord.rejected(derivedId(jsonLine), "input: not a JSON object");
    }
    String id = text(node, "id");
    if (id.isEmpty()) {
      id = derivedId(jsonLine);
    }
    if (node.hasNonNull(READER_ERROR)) {
      return InputRecord.rejected(id, node.get(READER_ERROR).asText());
    }
    return kind == Kind.PRODUCT ? product(id, node) : document(id, node);
  }

  private InputRecord product(String id, JsonNode node) {
    Map<String, String> attributes = attributes(first(node, "attributes"));
    Map<String, String> fields = new LinkedHashMap<>();
    put(fields, "title", text(node, "title"));
    put(fields, "category", orAttribute(text(node, "category"), attributes, categoryAttributes));
    put(fields, "brand", orAttribute(text(node, "brand"), attributes, brandAttributes));
    put(fields, "attributes", AttributeText.render(attributes));
    put(fields, "description", text(node, "description"));
    put(fields, "price", text(node, "price"));
    if (!fields.containsKey("title") && !fields.containsKey("attributes") && !fields.containsKey("description")) {
      return InputRecord.rejected(id, "input: product has no title, attributes or description (looked for "
          + aliases.get("title") + ", " + aliases.get("attributes") + ", " + aliases.get("description") + ")");
    }
    return new InputRecord(id, Map.copyOf(fields), null);
  }

  private InputRecord document(String id, JsonNode node) {
    String text = text(node, "text");
    if (text.isEmpty()) {
      return InputRecord.rejected(id, "input: document has no text (looked for " + aliases.get("text") + ")");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    put(fields, "text", text);
    put(fields, "title", text(node, "title"));
    return new InputRecord(id, Map.copyOf(fields), null);
  }

  private static String orAttribute(String value, Map<String, String> attributes, List<String> keys) {
    if (!value.isEmpty()) {
      return value;
    }
    for (String key : keys) {
      String v = attributes.get(key);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return "";
  }

  private static Map<String, String> attributes(JsonNode node) {
    if (node == null || node.isNull()) {
      return Map.of();
    }
    if (node.isObject()) {
      Map<String, String> out = new LinkedHashMap<>();
      node.properties().forEach(e -> {
        String value = e.getValue().isArray() ? joinArray(e.getValue()) : scalar(e.getValue());
        String key = e.getKey().strip();
        if (!key.isEmpty()) {
          out.merge(key, value.strip(), (a, b) -> a.isEmpty() ? b : a + "、" + b);
        }
      });
      return out;
    }
    if (node.isArray()) {
      // ["类型#裤", "版型#宽松"]: the same pairs as AdvertiseGen's string, one per element
      StringBuilder sb = new StringBuilder();
      node.forEach(e -> sb.append(sb.isEmpty() ? "" : "*").append(scalar(e)));
      return AttributeText.parse(sb.toString());
    }
    return AttributeText.parse(scalar(node));
  }

  private static String joinArray(JsonNode array) {
    StringBuilder sb = new StringBuilder();
    array.forEach(e -> sb.append(sb.isEmpty() ? "" : "、").append(scalar(e)));
    return sb.toString();
  }

  private JsonNode first(JsonNode node, String field) {
    for (String name : aliases.getOrDefault(field, List.of())) {
      JsonNode v = node.get(name);
      if (v != null && !v.isNull() && !(v.isTextual() && v.asText().isBlank())) {
        return v;
      }
    }
    return null;
  }

  private String text(JsonNode node, String field) {
    JsonNode v = first(node, field);
    return v == null ? "" : (v.isContainerNode() ? v.toString() : scalar(v)).strip();
  }

  private static String scalar(JsonNode v) {
    return v.isTextual() ? v.asText() : v.isNull() ? "" : v.isContainerNode() ? v.toString() : v.asText();
  }

  private static void put(Map<String, String> fields, String name, String value) {
    if (!value.isEmpty()) {
      fields.put(name, value);
    }
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;  // a surrogate pair: 4 bytes in all
    }
    return n;
  }

  /** A stable id for a record that has none: a hash of its raw text. */
  public static String derivedId(String raw) {
    return "sha256:" + Hashes.hex16(raw);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
