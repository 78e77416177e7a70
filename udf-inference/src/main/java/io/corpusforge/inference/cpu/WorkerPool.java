package io.corpusforge.inference.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine's own threads (daemon, named), so kernels never compete with the common pool or Spark's tasks.
 *
 * <p>A decode step is a few hundred short parallel sections (one per matrix product, ~0.1 ms each for one token), so
 * handing work over must cost far less than that. Workers and the caller spin for a short while ({@link #SPIN_NANOS})
 * before they park: a section that follows within that time starts without waking a parked thread (an executor's
 * park/unpark hand-over measured ~30 us per section, a tenth of a decode step's matrix product). The spin is bounded
 * so that idle engines and busy machines get their cores back: spinning without a bound is what made llama.cpp's
 * two-thread runs collapse on the loaded machine (docs/benchmarks.md).
 */
public final class WorkerPool implements AutoCloseable {
  /** Work over a range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeTask {
    void run(int from, int to);
  }

  /** How long a thread waiting for work, or for the workers to finish, spins before it parks. */
  static final long SPIN_NANOS = 50_000;

  private final int threads;
  private final Worker[] workers;
  /** One section at a time; a second caller meanwhile, or a task calling back in, runs its section on its own thread. */
  private final ReentrantLock dispatch = new ReentrantLock();
  private final AtomicInteger pending = new AtomicInteger();

  // the current section: written by the caller before it publishes a new generation, read by the workers after
  private RangeTask task;
  private int n;
  private int per;
  private volatile Thread caller;
  private volatile Throwable failure;
  private volatile int generation;
  private volatile boolean closed;

  public WorkerPool(int threads) {
    this.threads = Math.max(1, threads);
    this.workers = new Worker[this.threads - 1];
    for (int k = 0; k < workers.length; k++) {
      workers[k] = new Worker(k + 1);
      Thread t = new Thread(workers[k], "inference-cpu-" + (k + 1));
      t.setDaemon(true);
      workers[k].thread = t;
      t.start();
    }
  }

  public int threads() {
    return threads;
  }

  /**
   * Splits {@code [0, n)} into about {@code threads} contiguous chunks (multiples of {@code grain}), runs them on the
   * pool (the caller runs the first) and waits. A task's exception is rethrown here.
   */
  public void parallelFor(int n, int grain, RangeTask task) {
    int chunks = Math.min(threads, Math.max(1, n / Math.max(1, grain)));
    if (chunks <= 1 || closed || dispatch.isHeldByCurrentThread() || !dispatch.tryLock()) {
      task.run(0, n);
      return;
    }
    try {
      int per = (n + chunks - 1) / chunks;
      per = (per + grain - 1) / grain * grain;
      this.task = task;
      this.n = n;
      this.per = per;
      this.failure = null;
      this.caller = Thread.currentThread();
      pending.set(workers.length);
      generation++;  // volatile write: publishes the fields above to the workers
      for (Worker w : workers) {
        if (w.parked) {
          LockSupport.unpark(w.thread);
        }
      }
      try {
        task.run(0, Math.min(n, per));
      } catch (Throwable t) {
        fail(t);
      }
      awaitWorkers();
      Throwable f = failure;
      if (f != null) {
        if (f instanceof RuntimeException re) {
          throw re;
        }
        if (f instanceof Error e) {
          throw e;
        }
        throw new IllegalStateException(f);
      }
    } finally {
      this.task = null;
      dispatch.unlock();
    }
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
    }
  }

  private void awaitWorkers() {
    long deadline = System.nanoTime() + SPIN_NANOS;
    for (int i = 0; pending.get() != 0; i++) {
      if ((i & 63) != 63 || System.nanoTime() < deadline) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(this, 100_000);  // a worker unparks us when it finishes last
      }
    }
  }

  private final class Worker implements Runnable {
    private final int index;
    private Thread thread;
    private volatile boolean parked;

    Worker(int index) {
      this.index = index;
    }

    @Override
    public void run() {
      int seen = 0;
      while (true) {
        int g = awaitSection(seen);
        if (closed) {
          return;
        }
        seen = g;
        int from = index * per;
        int to = Math.min(n, from + per);
        if (from < to) {
          try {
            task.run(from, to);
          } catch (Throwable t) {
            fail(t);
          }
        }
        if (pending.decrementAndGet() == 0) {
          LockSupport.unpark(caller);
        }
      }
    }

    /** Waits for a generation other than {@code seen}: spins, then parks (the caller unparks parked workers). */
    private int awaitSection(int seen) {
      long deadline = System.nanoTime() + SPIN_NANOS;
      for (int i = 0; ; i++) {
        int g = generation;
        if (g != seen || closed) {
          return g;
        }
        if ((i & 63) != 63 || System.nanoTime() < deadline) {
          Thread.onSpinWait();
          continue;
        }
        parked = true;
        if (generation == seen && !closed) {  // re-checked after the flag: the caller sees one or the other
          LockSupport.park(this);
        }
        parked = false;
        deadline = System.nanoTime() + SPIN_NANOS;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Worker w : workers) {
      LockSupport.unpark(w.thread);
    }
  }
}
