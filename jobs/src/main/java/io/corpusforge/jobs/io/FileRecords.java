package io.corpusforge.jobs.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The records of one input file, read lazily. The format follows the name and the first bytes:
 * <ul>
 *   <li>{@code .jsonl/.json/.ndjson} (optionally {@code .gz}/{@code .zst}): one JSON object per line, or a JSON
 *       array of objects;</li>
 *   <li>a file that starts with {@code <doc>} (SogouCS/TREC style): one record per {@code <doc>…</doc>};</li>
 *   <li>anything else ({@code .txt}, {@code .html}, …): the whole file is one document whose id is its path.</li>
 * </ul>
 * Nothing here throws for bad content: every problem becomes a {@link RawDoc} with an error.
 */
public final class FileRecords {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DOC = Pattern.compile("(?s)<doc>(.*?)</doc>");
  private static final Pattern FIELD = Pattern.compile("(?s)<([a-zA-Z_]+)>(.*?)</\\1>");

  private FileRecords() {}

  /**
   * @param in the raw file bytes (decompression is done here)
   * @param name the file's name relative to its input root: the id prefix and the {@code source}
   */
  public static Iterator<RawDoc> read(InputStream in, String name, InputSettings settings) throws IOException {
    String lower = name.toLowerCase(Locale.ROOT);
    InputStream data = new BufferedInputStream(decompress(in, lower), 1 << 16);
    String base = lower.replaceAll("\\.(gz|zst|zstd)$", "");
    data.mark(16);
    byte[] head = data.readNBytes(8);
    data.reset();
    if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) {
      if (firstNonSpace(head) == '[') {
        return jsonArray(data, name, settings);
      }
      return jsonLines(data, name, settings);
    }
    if (new String(head, StandardCharsets.ISO_8859_1).stripLeading().startsWith("<doc>")) {
      return docBlocks(data, name, settings);
    }
    return List.of(wholeFile(data, name, settings)).iterator();
  }

  private static InputStream decompress(InputStream in, String lower) throws IOException {
    if (lower.endsWith(".gz")) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (lower.endsWith(".zst") || lower.endsWith(".zstd")) {
      return new ZstdInputStream(in);
    }
    return in;
  }

  private static int firstNonSpace(byte[] head) {
    for (byte b : head) {
      if (!Character.isWhitespace(b) && (b & 0xFF) != 0xEF && (b & 0xFF) != 0xBB && (b & 0xFF) != 0xBF) {
        return b;
      }
    }
    return -1;
  }

  private static RawDoc wholeFile(InputStream data, String name, InputSettings s) throws IOException {
    byte[] bytes = data.readNBytes(s.maxRecordBytes() + 1);
    if (bytes.length > s.maxRecordBytes()) {
      long total = bytes.length + data.transferTo(OutputStreamSink.INSTANCE);
      return RawDoc.failed(name, name, headText(bytes, s), "oversized", total,
          "file has " + total + " bytes, limit " + s.maxRecordBytes());
    }
    if (TextDecoder.looksBinary(bytes, bytes.length, s.binaryControlShare())) {
      return RawDoc.failed(name, name, "", "binary", bytes.length, "NUL or control bytes in the first 8 KB");
    }
    TextDecoder.Decoded d = TextDecoder.decode(bytes, bytes.length);
    if (!d.ok()) {
      return RawDoc.failed(name, name, new String(bytes, StandardCharsets.UTF_8), "undecodable", bytes.length,
          d.error());
    }
    return RawDoc.ok(name, name, d.text(), metadata(name, d.charset()));
  }

  private static Map<String, String> metadata(String source, String charset) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("source", source);
    if (charset != null && !charset.equals("UTF-8")) {
      m.put("charset", charset);
    }
    return m;
  }

  private static String headText(byte[] bytes, InputSettings s) {
    int n = Math.min(bytes.length, s.rejectedTextMaxChars());
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  /** One record per line; blank lines are skipped (they are not records). */
  private static Iterator<RawDoc> jsonLines(InputStream data, String name, InputSettings s) {
    BoundedLineReader lines = new BoundedLineReader(data, s.maxRecordBytes());
    return new Iterator<>() {
      long lineNo = 0;
      RawDoc next = advance();

      private RawDoc advance() {
        try {
          while (lines.next()) {
            lineNo++;
            String where = name + ":" + lineNo;
            if (lines.truncated()) {
              return RawDoc.failed(where, where, headText(java.util.Arrays.copyOf(lines.bytes(), lines.length()), s),
                  "oversized", lines.fullLength(), "line has " + lines.fullLength() + " bytes, limit "
                      + s.maxRecordBytes());
            }
            if (isBlank(lines.bytes(), lines.length())) {
              continue;
            }
            TextDecoder.Decoded d = TextDecoder.decode(lines.bytes(), lines.length());
            if (!d.ok()) {
              return RawDoc.failed(where, where, new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8),
                  "undecodable", lines.length(), d.error());
            }
            return fromJson(d.text(), where, d.charset(), s);
          }
          data.close();
          return null;
        } catch (IOException e) {
          String where = name + ":" + (lineNo + 1);
          return RawDoc.failed(where, where, "", "unreadable", lineNo, "read failed after line " + lineNo + ": " + e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public RawDoc next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        RawDoc current = next;
        next = current.error() != null && current.error().equals("unreadable") ? null : advance();
        return current;
      }
    };
  }

  private static boolean isBlank(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (!Character.isWhitespace(b[i])) {
        return false;
      }
    }
    return true;
  }

  static RawDoc fromJson(String json, String where, String charset, InputSettings s) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      return RawDoc.failed(where, where, json, "malformed-json", json.length(), firstLine(e.getMessage()));
    }
    if (!(node instanceof ObjectNode obj)) {
      return RawDoc.failed(where, where, json, "malformed-json", json.length(), "not a JSON object");
    }
    return fromObject(obj, where, charset, s);
  }

  private static RawDoc fromObject(ObjectNode obj, String where, String charset, InputSettings s) {
    String textField = s.textFields().stream().filter(f -> obj.get(f) != null && obj.get(f).isTextual())
        .findFirst().orElse(null);
    String idField = s.idFields().stream().filter(f -> obj.get(f) != null && !obj.get(f).isNull()
        && !obj.get(f).isContainerNode()).findFirst().orElse(null);
    String id = idField == null ? where : obj.get(idField).asText();
    if (textField == null) {
      return RawDoc.failed(id, where, obj.toString(), "missing-text", 0,
          "no string field among " + s.textFields());
    }
    Map<String, String> metadata = metadata(where, charset);
    obj.properties().forEach(e -> {
      if (!e.getKey().equals(textField) && !e.getKey().equals(idField)) {
        JsonNode v = e.getValue();
        metadata.put(e.getKey(), v.isTextual() ? v.asText() : v.toString());
      }
    });
    return RawDoc.ok(id, where, obj.get(textField).asText(), metadata);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /**
   * A JSON array of objects, parsed element by element; its records are held in memory (one file's worth), so
   * a malformed element ends the file with a rejected row instead of losing the ones before it.
   */
  private static Iterator<RawDoc> jsonArray(InputStream data, String name, InputSettings s) throws IOException {
    List<RawDoc> out = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(data)) {
      parser.nextToken();  // START_ARRAY
      long index = 0;
      while (true) {
        JsonToken t;
        try {
          t = parser.nextToken();
        } catch (IOException e) {
          String where = name + "#" + index;
          out.add(RawDoc.failed(where, where, "", "malformed-json", index, firstLine(e.getMessage())));
          break;
        }
        if (t == null || t == JsonToken.END_ARRAY) {
          break;
        }
        String where = name + "#" + index++;
        try {
          JsonNode node = parser.readValueAsTree();
          out.add(node instanceof ObjectNode obj ? fromObject(obj, where, null, s)
              : RawDoc.failed(where, where, String.valueOf(node), "malformed-json", 0, "not a JSON object"));
        } catch (IOException e) {
          out.add(RawDoc.failed(where, where, "", "malformed-json", index, firstLine(e.getMessage())));
          break;
        }
      }
    }
    return out.iterator();
  }

  /** SogouCS/TREC style {@code <doc><docno>…</docno><content>…</content></doc>} blocks. */
  private static Iterator<RawDoc> docBlocks(InputStream data, String name, InputSettings s) throws IOException {
    RawDoc whole = wholeFile(data, name, s);
    if (whole.error() != null) {
      return List.of(whole).iterator();
    }
    List<RawDoc> out = new ArrayList<>();
    Matcher doc = DOC.matcher(whole.text());
    int index = 0;
    while (doc.find()) {
      String where = name + "#" + index++;
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher f = FIELD.matcher(doc.group(1));
      while (f.find()) {
        fields.put(f.group(1), f.group(2));
      }
      ObjectNode obj = JSON.createObjectNode();
      fields.forEach(obj::put);
      out.add(fromObject(obj, where, whole.metadata().get("charset"), s));
    }
    return out.iterator();
  }

  /** Discards what is left of an oversized file while counting it. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
