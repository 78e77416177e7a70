package io.corpusforge.inference.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The engine's own threads (daemon, named), so kernels never compete with the common pool or Spark's tasks. */
public final class WorkerPool implements AutoCloseable {
  /** Work over a range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeTask {
    void run(int from, int to);
  }

  private final int threads;
  private final ExecutorService executor;

  public WorkerPool(int threads) {
    this.threads = Math.max(1, threads);
    AtomicInteger n = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(this.threads, r -> {
      Thread t = new Thread(r, "inference-cpu-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public int threads() {
    return threads;
  }

  /**
   * Splits {@code [0, n)} into about {@code threads} contiguous chunks (multiples of {@code grain}), runs them on the
   * pool (the caller runs the first) and waits.
   */
  public void parallelFor(int n, int grain, RangeTask task) {
    int chunks = Math.min(threads, Math.max(1, n / Math.max(1, grain)));
    if (chunks <= 1) {
      task.run(0, n);
      return;
    }
    int per = (n + chunks - 1) / chunks;
    per = (per + grain - 1) / grain * grain;
    List<Future<?>> futures = new ArrayList<>();
    for (int start = per; start < n; start += per) {
      int s = start;
      int e = Math.min(n, start + per);
      futures.add(executor.submit(() -> task.run(s, e)));
    }
    task.run(0, Math.min(n, per));
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
