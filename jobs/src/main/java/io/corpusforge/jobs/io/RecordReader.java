package io.corpusforge.jobs.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corpusforge.jobs.generate.text.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one reader of id/text records for every stage (clean, dedup, vocab, generate): the rules that turn one record
 * (a JSON object, from any format) into an id and a text, or into a reject with the common reason, under one
 * {@link ReadOptions}. The formats are in {@link FileRecords} (JSON Lines, JSON arrays, {@code <doc>} blocks, whole
 * files, the JD corpus); Parquet rows come as JSON objects ({@link CorpusInput}). Pure: no Spark; nothing here throws
 * for bad content.
 */
public final class RecordReader implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ReadOptions options;

  public RecordReader(ReadOptions options) {
    this.options = options;
  }

  public ReadOptions options() {
    return options;
  }

  /** The records of one file, in the given format ({@link InputFormat#BY_NAME}: by its name and first bytes). */
  public Iterator<SourceRecord> file(InputStream in, String name, InputFormat format, Supplier<String> partner)
      throws IOException {
    return FileRecords.read(in, name, format, this, partner);
  }

  /** One line of bytes (JSON Lines), decoded as the options say. */
  public SourceRecord line(byte[] bytes, int length, String where) {
    TextDecoder.Decoded d = decode(bytes, length);
    if (!d.ok()) {
      String raw = new String(bytes, 0, length, StandardCharsets.UTF_8);
      return rejected(where, raw, "undecodable", length, d.error());
    }
    return json(d.text(), where, d.charset());
  }

  /** One record as JSON text that was not measured yet (a Parquet row rendered as JSON, a JD record). */
  public SourceRecord row(String json, String where) {
    long bytes = utf8Length(json);
    return bytes > options.maxRecordBytes() ? oversized(where, json, bytes) : json(json, where, null);
  }

  /** One JSON text (a line); {@code charset}: what it was decoded from, or null. */
  public SourceRecord json(String json, String where, String charset) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      return rejected(where, json, "malformed-json", json.length(), firstLine(e.getMessage()));
    }
    if (!(node instanceof ObjectNode obj)) {
      return rejected(where, json, "malformed-json", json.length(), "not a JSON object");
    }
    return object(obj, json, where, charset);
  }

  /**
   * One JSON object. {@code raw} is the record as read (the derived id is its hash, so a record without an id gets
   * the same id in every stage and every run).
   */
  public SourceRecord object(ObjectNode obj, String raw, String where, String charset) {
    String idField = options.idFields().stream().filter(f -> isId(obj.get(f))).findFirst().orElse(null);
    String textField = options.textFields().stream().filter(f -> isText(obj.get(f))).findFirst().orElse(null);
    if (idField == null && options.idPolicy() == ReadOptions.IdPolicy.REQUIRE) {
      return rejected(where, raw, "missing-id", 0, "no id among " + options.idFields());
    }
    String id = idField == null ? derivedId(raw) : obj.get(idField).asText();
    if (textField == null && !options.textFields().isEmpty()) {
      return new SourceRecord(id, where, null, null, null, "missing-text", 0.0,
          where + ": no text among " + options.textFields(), cut(raw));
    }
    Map<String, String> metadata = metadata(where, charset);
    obj.properties().forEach(e -> {
      if (!e.getKey().equals(textField) && !e.getKey().equals(idField)) {
        JsonNode v = e.getValue();
        metadata.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
      }
    });
    return new SourceRecord(id, where, textField == null ? null : obj.get(textField).asText(), obj.toString(),
        metadata, null, null, null, null);
  }

  /** A whole file that is one document: its id is its name (whatever the id policy), its text all of it. */
  SourceRecord wholeText(String name, String text, String charset) {
    ObjectNode obj = JSON.createObjectNode().put("id", name).put("text", text);
    return new SourceRecord(name, name, text, obj.toString(), metadata(name, charset), null, null, null, null);
  }

  TextDecoder.Decoded decode(byte[] bytes, int length) {
    return options.decoding() == ReadOptions.Decoding.CHINESE ? TextDecoder.decode(bytes, length)
        : TextDecoder.utf8(bytes, length);
  }

  SourceRecord oversized(String where, String head, long bytes) {
    return rejected(where, head, "oversized", bytes, "record has " + bytes + " bytes, limit "
        + options.maxRecordBytes());
  }

  /** A file that cannot be read as text: like a whole-file document, its id is its name. */
  SourceRecord rejectedFile(SourceRecord reject) {
    return new SourceRecord(reject.source(), reject.source(), null, null, null, reject.reject(), reject.rejectValue(),
        reject.rejectDetail(), reject.record());
  }

  /**
   * A record that cannot be used; its id is the derived one (or null under {@code require}); when nothing of it could
   * be read (an I/O failure, a broken JSON array), where it came from. The detail starts with where it came from.
   */
  SourceRecord rejected(String where, String raw, String reason, double value, String detail) {
    String id = raw.isEmpty() ? where : options.idPolicy() == ReadOptions.IdPolicy.DERIVE ? derivedId(raw) : null;
    return new SourceRecord(id, where, null, null, null, reason, value, where + ": " + detail, cut(raw));
  }

  private String cut(String raw) {
    return raw.length() > options.recordMaxChars() ? raw.substring(0, options.recordMaxChars()) : raw;
  }

  private static boolean isId(JsonNode v) {
    return v != null && !v.isNull() && !v.isContainerNode() && !v.asText().isBlank();
  }

  private static boolean isText(JsonNode v) {
    return v != null && v.isTextual() && !v.asText().isBlank();
  }

  private static Map<String, String> metadata(String source, String charset) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("source", source);
    if (charset != null && !charset.equals("UTF-8")) {
      m.put("charset", charset);
    }
    return m;
  }

  /** The id of a record that has none: {@code sha256:} and 16 hex digits of SHA-256 of the record as read. */
  public static String derivedId(String raw) {
    return "sha256:" + Hashes.hex16(raw);
  }

  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;  // a surrogate pair: 4 bytes in all
    }
    return n;
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
