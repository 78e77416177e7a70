package io.corpusforge.jobs.generate.run;

import java.io.Serializable;
import java.util.Locale;

/**
 * What one partition did: the numbers of the progress log line and of report.json.
 *
 * <p>{@code skippedRows} counts outputs (row x copy type) found done by --resume. {@code engineLoadNanos} is the time
 * this task waited for the executor's engine to load (0 when an earlier task loaded it); {@code engineNanos} the
 * time inside {@code Engine.generate}; {@code totalNanos} the whole task, both included. {@code cachedPromptTokens}
 * of the {@code promptTokens} came from the engine's prefix cache instead of being computed.
 */
public record PartitionStats(int partition, long inputRows, long skippedRows, long outputRows, long errorRows,
    long flaggedRows, long promptTokens, long cachedPromptTokens, long generatedTokens, long engineLoadNanos, long engineNanos, long totalNanos,
    String partFile)
    implements Serializable {

  /** The line logged when the partition is done. */
  public String logLine() {
    return line("");
  }

  /** The line logged while the partition runs: the same numbers so far. */
  public String progressLine() {
    return line(" (running)");
  }

  private String line(String state) {
    double secs = totalNanos / 1e9;
    return String.format(Locale.ROOT,
        "partition %d%s: %d input rows -> %d outputs written (%d already done), %d errors, %d flagged; %.1f s, "
            + "%.2f rows/s, %.1f generated tokens/s, %.1f prompt tokens/s computed (%.0f%% from the prefix cache), "
            + "engine load %.1f s, generation %.1f%% of the rest",
        partition, state, inputRows, outputRows, skippedRows, errorRows, flaggedRows, secs,
        secs > 0 ? inputRows / secs : 0, secs > 0 ? generatedTokens / secs : 0,
        secs > 0 ? (promptTokens - cachedPromptTokens) / secs : 0,
        promptTokens > 0 ? 100.0 * cachedPromptTokens / promptTokens : 0,
        engineLoadNanos / 1e9, totalNanos > engineLoadNanos ? 100.0 * engineNanos / (totalNanos - engineLoadNanos) : 0);
  }
}
