package io.corpusforge.jobs.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JD product summarisation corpus (JD-NLG-Rhino, COLING 2020) as product JSON records. Its files come in two
 * layouts, both space-segmented into words:
 * <ul>
 *   <li>a JSON object keyed by product id, each value with {@code table} (tab-separated attribute pairs),
 *       {@code source} (title words and description) and {@code targets} (reference copy);</li>
 *   <li>line-aligned files: {@code *_kb_*} holds one attribute table per line and the {@code *_source_*} file with the
 *       same name holds the matching description; the id is file name and line number.</li>
 * </ul>
 * Reference files ({@code *_target_*}) and the source files (read as the partners of kb files) give no records.
 */
public final class JdCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JdCorpus() {}

  /** Whether a file of this name holds records (the others are read as partners or are references). */
  public static boolean isRecordFile(String fileName) {
    return !fileName.contains("_target_") && !fileName.contains("_source_");
  }

  /** The name of the description file that goes with a kb file, if the name has the kb pattern. */
  public static Optional<String> sourcePartner(String fileName) {
    return fileName.contains("_kb_") ? Optional.of(fileName.replace("_kb_", "_source_")) : Optional.empty();
  }

  /**
   * Product JSON records for one file (the reader, {@link FileRecords}, turns them into records).
   *
   * @param partner the content of the kb file's source partner, or null
   * @throws IllegalArgumentException a JSON corpus file that does not parse (the reader rejects it as malformed-json)
   */
  public static List<String> records(String fileName, String content, String partner) {
    String trimmed = content.stripLeading();
    List<String> out = new ArrayList<>();
    if (trimmed.startsWith("{")) {
      JsonNode root;
      try {
        root = JSON.readTree(trimmed);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(fileName + " is not a JSON object: " + e.getOriginalMessage());
      }
      root.properties().forEach(e -> out.add(record(e.getKey(), text(e.getValue().get("table")),
          text(e.getValue().get("source")))));
      return out;
    }
    String[] tables = content.split("\n", -1);
    String[] sources = partner == null ? new String[0] : partner.split("\n", -1);
    for (int i = 0; i < tables.length; i++) {
      if (tables[i].isBlank()) {
        continue;
      }
      out.add(record(fileName + ":" + (i + 1), tables[i], i < sources.length ? sources[i] : ""));
    }
    return out;
  }

  private static String record(String id, String table, String source) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", id);
    StringBuilder pairs = new StringBuilder();
    for (String cell : table.split("\t", -1)) {
      pairs.append(pairs.isEmpty() ? "" : "\t").append(SegmentedText.join(cell));
    }
    node.put("attributes", pairs.toString());
    node.put("description", SegmentedText.join(source));
    return node.toString();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? "" : node.asText();
  }
}
