package io.corpusforge.jobs.generate.run;

import java.io.Serializable;
import java.util.Locale;

/** What one partition did: the numbers of the progress log line and of report.json. */
/** {@code skippedRows} counts outputs (row x copy type) found done by --resume. */
public record PartitionStats(int partition, long inputRows, long skippedRows, long outputRows, long errorRows,
    long flaggedRows, long promptTokens, long generatedTokens, long engineNanos, long totalNanos, String partFile)
    implements Serializable {

  public String logLine() {
    double secs = totalNanos / 1e9;
    return String.format(Locale.ROOT,
        "partition %d: %d input rows -> %d outputs written (%d already done), %d errors, %d flagged; %.1f s, "
            + "%.2f rows/s, %.1f generated tokens/s, engine %.1f%% of the time",
        partition, inputRows, outputRows, skippedRows, errorRows, flaggedRows, secs,
        secs > 0 ? inputRows / secs : 0, secs > 0 ? generatedTokens / secs : 0,
        totalNanos > 0 ? 100.0 * engineNanos / totalNanos : 0);
  }
}
