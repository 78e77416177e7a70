package io.corpusforge.jobs.clean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the clean job did: {@code report.json} and the summary printed at the end. */
public record CleanReport(
    List<String> inputs,
    String output,
    long documentsIn,
    long kept,
    long rejected,
    long bytesIn,
    long bytesKept,
    List<String> chain,
    Map<String, Long> rejectedByReason,
    Map<String, Long> editedByRule,
    Map<String, Long> counters,
    double elapsedSeconds) {

  public String toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("job", "clean");
    json.put("inputs", inputs);
    json.put("output", output);
    json.put("documents", Map.of("input", documentsIn, "kept", kept, "rejected", rejected));
    json.put("bytes", Map.of("input_text", bytesIn, "kept_text", bytesKept));
    json.put("rejected_by_reason", rejectedByReason);
    json.put("edited_by_rule", editedByRule);
    json.put("counters", counters);
    json.put("chain", chain);
    json.put("elapsed_seconds", Math.round(elapsedSeconds * 10) / 10.0);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("clean: %,d documents in, %,d kept (%.1f%%), %,d rejected  [%.1f s]%n", documentsIn, kept,
        percent(kept, documentsIn), rejected, elapsedSeconds));
    sb.append(String.format("  text: %s in, %s kept (%.1f%% of bytes)%n", human(bytesIn), human(bytesKept),
        percent(bytesKept, bytesIn)));
    if (!rejectedByReason.isEmpty()) {
      sb.append("  rejected by:\n");
      rejectedByReason.forEach((k, v) -> sb.append(String.format("    %-24s %,8d%n", k, v)));
    }
    if (!editedByRule.isEmpty()) {
      sb.append("  documents edited by:\n");
      editedByRule.forEach((k, v) -> sb.append(String.format("    %-24s %,8d%n", k, v)));
    }
    Map<String, Long> pii = new LinkedHashMap<>();
    Map<String, Long> lines = new LinkedHashMap<>();
    counters.forEach((k, v) -> {
      if (k.startsWith("pii.")) {
        pii.put(k.substring(4), v);
      } else if (k.endsWith(".lines")) {
        lines.put(k.substring(0, k.length() - 6), v);
      }
    });
    if (!lines.isEmpty()) {
      sb.append("  lines removed: ");
      lines.forEach((k, v) -> sb.append(String.format("%s %,d  ", k, v)));
      sb.append('\n');
    }
    if (!pii.isEmpty()) {
      sb.append("  PII masked: ");
      pii.forEach((k, v) -> sb.append(String.format("%s %,d  ", k, v)));
      sb.append('\n');
    }
    sb.append("  output: ").append(output).append("/{kept,rejected,report.json}\n");
    return sb.toString();
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  private static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KB", bytes / 1024.0);
    }
    return String.format("%.1f MB", bytes / (1024.0 * 1024));
  }
}
