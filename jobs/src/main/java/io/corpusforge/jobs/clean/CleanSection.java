package io.corpusforge.jobs.clean;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.corpusforge.jobs.stage.StageSection;

/**
 * The clean stage's section of report.json ({@code "clean": {...}}) and its summary lines: bytes in and kept, the
 * funnel (rejections by rule in chain order, input errors first), edits by rule, rule counters, the chain.
 */
public record CleanSection(
    long bytesIn,
    long bytesKept,
    List<String> chain,
    Map<String, Long> rejectedByRule,
    Map<String, Long> editedByRule,
    Map<String, Long> counters) implements StageSection {

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> json = new LinkedHashMap<>();
    Map<String, Long> bytes = new LinkedHashMap<>();
    bytes.put("input_text", bytesIn);
    bytes.put("kept_text", bytesKept);
    json.put("bytes", bytes);
    json.put("rejected_by_rule", rejectedByRule);
    json.put("edited_by_rule", editedByRule);
    json.put("counters", counters);
    json.put("chain", chain);
    return json;
  }

  @Override
  public List<String> summaryLines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "text: %s in, %s kept (%.1f%% of bytes)", human(bytesIn), human(bytesKept),
        bytesIn == 0 ? 0 : 100.0 * bytesKept / bytesIn));
    if (!rejectedByRule.isEmpty()) {
      lines.add("rejected by rule (chain order): " + counts(rejectedByRule));
    }
    if (!editedByRule.isEmpty()) {
      lines.add("documents edited by: " + counts(editedByRule));
    }
    Map<String, Long> pii = new LinkedHashMap<>();
    Map<String, Long> removedLines = new LinkedHashMap<>();
    counters.forEach((k, v) -> {
      if (k.startsWith("pii.")) {
        pii.put(k.substring(4), v);
      } else if (k.endsWith(".lines")) {
        removedLines.put(k.substring(0, k.length() - 6), v);
      }
    });
    if (!removedLines.isEmpty()) {
      lines.add("lines removed: " + counts(removedLines));
    }
    if (!pii.isEmpty()) {
      lines.add("PII masked: " + counts(pii));
    }
    return lines;
  }

  private static String counts(Map<String, Long> m) {
    StringBuilder sb = new StringBuilder();
    m.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %,d", k, v)));
    return sb.toString();
  }

  private static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
  }
}
