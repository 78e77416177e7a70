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
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The format handlers of the one reader: the records of one input file, read lazily, each through
 * {@link RecordReader}'s rules. With {@link InputFormat#BY_NAME} the format follows the name and the first bytes:
 * <ul>
 *   <li>{@code .jsonl/.json/.ndjson} (optionally {@code .gz}/{@code .zst}): one JSON object per line, or a JSON
 *       array of objects;</li>
 *   <li>a file that starts with {@code <doc>} (SogouCS/TREC style): one record per {@code <doc>…</doc>};</li>
 *   <li>anything else ({@code .txt}, {@code .html}, …): the whole file is one document whose id is its path.</li>
 * </ul>
 * {@link InputFormat#JSONL} reads every file as JSON Lines (or array), {@link InputFormat#JD} as the JD corpus
 * ({@link JdCorpus}). Nothing here throws for bad content: every problem becomes a rejected {@link SourceRecord}.
 */
final class FileRecords {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DOC = Pattern.compile("(?s)<doc>(.*?)</doc>");
  private static final Pattern FIELD = Pattern.compile("(?s)<([a-zA-Z_]+)>(.*?)</\\1>");

  private FileRecords() {}

  /**
   * @param in the raw file bytes (decompression is done here)
   * @param name the file's name relative to its input root: the source of its records
   * @param partner the content of a JD kb file's partner (read only when needed), or null
   */
  static Iterator<SourceRecord> read(InputStream in, String name, InputFormat format, RecordReader reader,
      Supplier<String> partner) throws IOException {
    String lower = name.toLowerCase(Locale.ROOT);
    InputStream data = new BufferedInputStream(decompress(in, lower), 1 << 16);
    String base = lower.replaceAll("\\.(gz|zst|zstd)$", "");
    data.mark(16);
    byte[] head = data.readNBytes(8);
    data.reset();
    if (format == InputFormat.JD) {
      return jd(data, name, reader, partner);
    }
    if (format == InputFormat.JSONL || base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) {
      return firstNonSpace(head) == '[' ? jsonArray(data, name, reader) : jsonLines(data, name, reader);
    }
    if (new String(head, StandardCharsets.ISO_8859_1).stripLeading().startsWith("<doc>")) {
      return docBlocks(data, name, reader);
    }
    return List.of(wholeFile(data, name, reader)).iterator();
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

  /** A file's text and the charset it was decoded from, or the reject that stands for the file. */
  private record FileText(String text, String charset, SourceRecord reject) {}

  /** A whole file as text: checked for size and binary content, decoded as the options say. */
  private static FileText fileText(InputStream data, String name, RecordReader reader) throws IOException {
    ReadOptions o = reader.options();
    byte[] bytes = data.readNBytes(o.maxRecordBytes() + 1);
    if (bytes.length > o.maxRecordBytes()) {
      long total = bytes.length + data.transferTo(OutputStreamSink.INSTANCE);
      return new FileText(null, null, reader.oversized(name, new String(bytes, 0,
          Math.min(bytes.length, o.recordMaxChars()), StandardCharsets.UTF_8), total));
    }
    if (TextDecoder.looksBinary(bytes, bytes.length, o.binaryControlShare())) {
      return new FileText(null, null,
          reader.rejected(name, "", "binary", bytes.length, "NUL or control bytes in the first 8 KB"));
    }
    return decoded(bytes, name, reader);
  }

  private static FileText decoded(byte[] bytes, String name, RecordReader reader) {
    TextDecoder.Decoded d = reader.decode(bytes, bytes.length);
    return d.ok() ? new FileText(d.text(), d.charset(), null) : new FileText(null, null,
        reader.rejected(name, new String(bytes, StandardCharsets.UTF_8), "undecodable", bytes.length, d.error()));
  }

  private static SourceRecord wholeFile(InputStream data, String name, RecordReader reader) throws IOException {
    FileText f = fileText(data, name, reader);
    return f.reject() != null ? reader.rejectedFile(f.reject()) : reader.wholeText(name, f.text(), f.charset());
  }

  /** One record per line; blank lines are skipped (they are not records). */
  private static Iterator<SourceRecord> jsonLines(InputStream data, String name, RecordReader reader) {
    BoundedLineReader lines = new BoundedLineReader(data, reader.options().maxRecordBytes());
    return new Iterator<>() {
      long lineNo = 0;
      SourceRecord next = advance();

      private SourceRecord advance() {
        try {
          while (lines.next()) {
            lineNo++;
            String where = name + ":" + lineNo;
            if (lines.truncated()) {
              int keep = Math.min(lines.length(), reader.options().recordMaxChars());
              return reader.oversized(where, new String(Arrays.copyOf(lines.bytes(), keep), StandardCharsets.UTF_8),
                  lines.fullLength());
            }
            if (isBlank(lines.bytes(), lines.length())) {
              continue;
            }
            return reader.line(lines.bytes(), lines.length(), where);
          }
          data.close();
          return null;
        } catch (IOException e) {
          return reader.rejected(name + ":" + (lineNo + 1), "", "unreadable", lineNo,
              "read failed after line " + lineNo + ": " + e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public SourceRecord next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        SourceRecord current = next;
        next = "unreadable".equals(current.reject()) ? null : advance();
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

  /**
   * A JSON array of objects, parsed element by element; its records are held in memory (one file's worth), so
   * a malformed element ends the file with a rejected row instead of losing the ones before it.
   */
  private static Iterator<SourceRecord> jsonArray(InputStream data, String name, RecordReader reader)
      throws IOException {
    List<SourceRecord> out = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(data)) {
      parser.nextToken();  // START_ARRAY
      long index = 0;
      while (true) {
        String where = name + "#" + index;
        JsonNode node;
        try {
          JsonToken t = parser.nextToken();
          if (t == null || t == JsonToken.END_ARRAY) {
            break;
          }
          node = parser.readValueAsTree();
        } catch (IOException e) {
          out.add(reader.rejected(where, "", "malformed-json", index, RecordReader.firstLine(e.getMessage())));
          break;
        }
        index++;
        String raw = String.valueOf(node);
        long bytes = RecordReader.utf8Length(raw);
        out.add(bytes > reader.options().maxRecordBytes() ? reader.oversized(where, raw, bytes)
            : node instanceof ObjectNode obj ? reader.object(obj, raw, where, null)
            : reader.rejected(where, raw, "malformed-json", 0, "not a JSON object"));
      }
    }
    return out.iterator();
  }

  /** SogouCS/TREC style {@code <doc><docno>…</docno><content>…</content></doc>} blocks. */
  private static Iterator<SourceRecord> docBlocks(InputStream data, String name, RecordReader reader)
      throws IOException {
    FileText whole = fileText(data, name, reader);
    if (whole.reject() != null) {
      return List.of(reader.rejectedFile(whole.reject())).iterator();
    }
    List<SourceRecord> out = new ArrayList<>();
    Matcher doc = DOC.matcher(whole.text());
    int index = 0;
    while (doc.find()) {
      String where = name + "#" + index++;
      ObjectNode obj = JSON.createObjectNode();
      Matcher f = FIELD.matcher(doc.group(1));
      while (f.find()) {
        obj.put(f.group(1), f.group(2));
      }
      out.add(reader.object(obj, doc.group(), where, whole.charset()));
    }
    return out.iterator();
  }

  /**
   * A JD corpus file ({@link JdCorpus}), read whole (it is one JSON object or a table of lines, not one record: the
   * size limit applies to each product record); reference and partner files give no records.
   */
  private static Iterator<SourceRecord> jd(InputStream data, String name, RecordReader reader,
      Supplier<String> partner) throws IOException {
    if (!JdCorpus.isRecordFile(name) || name.toLowerCase(Locale.ROOT).endsWith(".md")) {
      return List.<SourceRecord>of().iterator();
    }
    FileText content = decoded(data.readAllBytes(), name, reader);
    if (content.reject() != null) {
      return List.of(reader.rejectedFile(content.reject())).iterator();
    }
    List<String> records;
    try {
      records = JdCorpus.records(name, content.text(), JdCorpus.sourcePartner(name).isPresent() ? partner.get() : null);
    } catch (IllegalArgumentException e) {
      return List.of(reader.rejected(name, content.text(), "malformed-json", content.text().length(),
          e.getMessage())).iterator();
    }
    return records.stream().map(r -> reader.row(r, name)).iterator();
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
