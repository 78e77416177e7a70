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

  /** The partition's own numbers, after the common progress line ({@code PartitionProgress}). */
  public String detail() {
    double secs = totalNanos / 1e9;
    return String.format(Locale.ROOT,
        "%d outputs written (%d already done), %d errors, %d flagged; "
            + "%.1f generated tokens/s, %.1f prompt tokens/s computed (%.0f%% from the prefix cache), "
            + "engine load %.1f s, generation %.1f%% of the rest",
        outputRows, skippedRows, errorRows, flaggedRows, secs > 0 ? generatedTokens / secs : 0,
        secs > 0 ? (promptTokens - cachedPromptTokens) / secs : 0,
        promptTokens > 0 ? 100.0 * cachedPromptTokens / promptTokens : 0,
        engineLoadNanos / 1e9, totalNanos > engineLoadNanos ? 100.0 * engineNanos / (totalNanos - engineLoadNanos) : 0);
  }
}
