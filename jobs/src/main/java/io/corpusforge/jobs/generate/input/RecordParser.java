package io.corpusforge.jobs.generate.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.io.SourceRecord;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one record of the reader ({@link SourceRecord}: id, text and the record as JSON, or a reject) into an
 * {@link InputRecord}: the fields the prompt templates use, looked up through configured aliases ({@code name} or
 * {@code title}, {@code content} for AdvertiseGen's attribute string...), the first alias present wins. The id and a
 * document's text are the reader's (its id and text fields are generate's {@code id} and {@code text} aliases).
 */
public final class RecordParser implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the rows are: decides which fields are needed. */
  public enum Kind { PRODUCT, DOCUMENT }

  private final Kind kind;
  private final Map<String, List<String>> aliases;
  private final List<String> categoryAttributes;
  private final List<String> brandAttributes;

  /**
   * @param aliases for each normalised field name, the input field names that may hold it, in priority order
   * @param categoryAttributes attribute keys that give the category when no category field is present (类型, 类别...)
   * @param brandAttributes attribute keys that give the brand when no brand field is present (品牌)
   */
  public RecordParser(Kind kind, Map<String, List<String>> aliases, List<String> categoryAttributes,
      List<String> brandAttributes) {
    this.kind = kind;
    this.aliases = Map.copyOf(aliases);
    this.categoryAttributes = List.copyOf(categoryAttributes);
    this.brandAttributes = List.copyOf(brandAttributes);
    if (!this.aliases.containsKey("id")) {
      throw new IllegalArgumentException("field aliases must name the id field(s)");
    }
  }

  /** The reader's options for these rows: the id aliases, and for documents the text aliases. */
  public ReadOptions readOptions(ReadOptions defaults) {
    return defaults.withFields(kind == Kind.DOCUMENT ? aliases.get("text") : List.of(), aliases.get("id"));
  }

  /** A rejected record keeps the reader's reason: {@code input: REASON: detail}. */
  public InputRecord parse(SourceRecord record) {
    if (record.rejected()) {
      return InputRecord.rejected(record.id(), "input: " + record.reject() + ": " + record.rejectDetail());
    }
    JsonNode node;
    try {
      node = JSON.readTree(record.json());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the reader's JSON does not parse: " + record.source(), e);
    }
    return kind == Kind.PRODUCT ? product(record.id(), node) : document(record.id(), record.text(), node);
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
      return InputRecord.rejected(id, "input: missing-fields: product has no title, attributes or description "
          + "(looked for "
          + aliases.get("title") + ", " + aliases.get("attributes") + ", " + aliases.get("description") + ")");
    }
    return new InputRecord(id, Map.copyOf(fields), null);
  }

  private InputRecord document(String id, String text, JsonNode node) {
    Map<String, String> fields = new LinkedHashMap<>();
    put(fields, "text", text.strip());
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
}
