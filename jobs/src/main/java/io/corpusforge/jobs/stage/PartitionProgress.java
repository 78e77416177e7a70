package io.corpusforge.jobs.stage;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-partition progress in the executor log: wraps a partition's iterator and logs rows done and rows/s every
 * {@code everySeconds} and once at the end, in one format for every stage. Lazy, so the partition still streams.
 */
public final class PartitionProgress implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionProgress.class);

  private final String stage;
  private final String step;
  private final long everySeconds;

  /**
   * @param step what the partition is doing, e.g. "clean" or "sketch"
   */
  public PartitionProgress(String stage, String step, long everySeconds) {
    this.stage = stage;
    this.step = step;
    this.everySeconds = everySeconds;
  }

  public <T> Iterator<T> wrap(Iterator<T> rows) {
    Ticker ticker = start();
    return new Iterator<>() {
      private long count;
      private boolean done;

      @Override
      public boolean hasNext() {
        boolean more = rows.hasNext();
        if (!more && !done) {
          done = true;
          ticker.done(count, null);
        }
        return more;
      }

      @Override
      public T next() {
        T row = rows.next();
        ticker.rows(++count, () -> null);
        return row;
      }
    };
  }

  /**
   * A partition's clock and log lines, for a stage that works in batches rather than row by row (generate): call
   * {@link Ticker#rows} after each batch and {@link Ticker#done} at the end. The stage's own numbers, if any,
   * follow the common ones after a semicolon.
   */
  public Ticker start() {
    TaskContext tc = TaskContext.get();
    return new Ticker(tc == null ? 0 : tc.partitionId());
  }

  /** See {@link #start}. */
  public final class Ticker {
    private final int partition;
    private final long start = System.nanoTime();
    private long lastLog = start;

    private Ticker(int partition) {
      this.partition = partition;
    }

    /** Logs a "running" line when {@code everySeconds} have passed since the last one. */
    public void rows(long count, Supplier<String> detail) {
      long now = System.nanoTime();
      if (now - lastLog >= everySeconds * 1_000_000_000L) {
        lastLog = now;
        log(count, "running", detail.get());
      }
    }

    /** Logs the partition's last line. */
    public void done(long count, String detail) {
      log(count, "done", detail);
    }

    private void log(long count, String state, String detail) {
      LOG.info(line(stage, step, partition, state, count, (System.nanoTime() - start) / 1e9, detail));
    }
  }

  /** One progress line, the same format for every stage. */
  static String line(String stage, String step, int partition, String state, long count, double seconds,
      String detail) {
    return String.format(Locale.ROOT, "%s %s partition %d %s: %,d rows in %.1f s (%.0f rows/s)%s", stage, step,
        partition, state, count, seconds, seconds > 0 ? count / seconds : 0, detail == null ? "" : "; " + detail);
  }
}
