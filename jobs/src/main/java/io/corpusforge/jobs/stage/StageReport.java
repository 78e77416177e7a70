package io.corpusforge.jobs.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.json} of every stage: a common header, then the stage's own section under its name.
 * <pre>
 * { "stage": "clean", "run_id": "20261206T081500-3f2a",
 *   "started": "2026-12-06T08:15:00Z", "finished": "2026-12-06T08:15:42Z", "seconds": 42.1,
 *   "inputs": [...], "output": "/data/clean", "outputs": ["kept/", "rejected/", "report.json"],
 *   "rows": {"in": 1000, "out": 900, "rejected": 100},
 *   "rejected_by_reason": {"min-chinese-chars": 60, ...},
 *   "phase_seconds": {"read": 3.1, ...},
 *   "settings": {...}, "versions": {"corpusforge": ..., "git_commit": ..., "java": ..., "spark": ...},
 *   "clean": { stage section } }
 * </pre>
 * The printed summary ({@link #summary}) is derived from the same values.
 */
public record StageReport(
    String stage,
    String runId,
    Instant started,
    Instant finished,
    List<String> inputs,
    String output,
    List<String> outputs,
    long rowsIn,
    long rowsOut,
    long rowsRejected,
    Map<String, Long> rejectedByReason,
    Map<String, Double> phaseSeconds,
    Object settings,
    Map<String, String> versions,
    StageSection section) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public double seconds() {
    return Math.round(Duration.between(started, finished).toMillis() / 100.0) / 10.0;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stage", stage);
    m.put("run_id", runId);
    m.put("started", started.toString());
    m.put("finished", finished.toString());
    m.put("seconds", seconds());
    m.put("inputs", inputs);
    m.put("output", output);
    m.put("outputs", outputs);
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put("in", rowsIn);
    rows.put("out", rowsOut);
    rows.put("rejected", rowsRejected);
    m.put("rows", rows);
    m.put("rejected_by_reason", rejectedByReason);
    m.put("phase_seconds", phaseSeconds);
    m.put("settings", settings);
    m.put("versions", versions);
    m.put(stage, section.toMap());
    return m;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(toMap()) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the report of " + stage, e);
    }
  }

  /** What the command prints at the end: the header's numbers, the stage's lines, where the output is. */
  public String summary() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "%s: %,d rows in, %,d out, %,d rejected in %.1f s (run %s)", stage, rowsIn,
        rowsOut, rowsRejected, seconds(), runId));
    if (!rejectedByReason.isEmpty()) {
      List<String> counts = new ArrayList<>();
      rejectedByReason.forEach((k, v) -> counts.add(String.format(Locale.ROOT, "%s %,d", k, v)));
      lines.add("  rejected by reason: " + String.join(", ", counts));
    }
    for (String l : section.summaryLines()) {
      lines.add("  " + l);
    }
    lines.add("  phase seconds: " + phaseSeconds);
    lines.add("  output: " + output + " (" + String.join(", ", outputs) + ")");
    return String.join("\n", lines) + "\n";
  }
}
