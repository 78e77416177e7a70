package io.corpusforge.jobs.stage;

import java.io.Serializable;
import java.util.Iterator;
import java.util.Locale;
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
    TaskContext tc = TaskContext.get();
    int partition = tc == null ? 0 : tc.partitionId();
    long start = System.nanoTime();
    return new Iterator<>() {
      private long count;
      private long lastLog = start;
      private boolean done;

      @Override
      public boolean hasNext() {
        boolean more = rows.hasNext();
        if (!more && !done) {
          done = true;
          log(partition, count, start, "done");
        }
        return more;
      }

      @Override
      public T next() {
        T row = rows.next();
        count++;
        long now = System.nanoTime();
        if (now - lastLog >= everySeconds * 1_000_000_000L) {
          lastLog = now;
          log(partition, count, start, "running");
        }
        return row;
      }
    };
  }

  private void log(int partition, long count, long start, String state) {
    double s = (System.nanoTime() - start) / 1e9;
    LOG.info(String.format(Locale.ROOT, "%s %s partition %d %s: %,d rows in %.1f s (%.0f rows/s)", stage, step,
        partition, state, count, s, s > 0 ? count / s : 0));
  }
}
