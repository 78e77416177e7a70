package io.corpusforge.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

  /** A section that counts each index it is given. */
  private static WorkerPool.RangeTask counting(AtomicIntegerArray hits, int base) {
    return (from, to) -> {
      for (int i = from; i < to; i++) {
        hits.incrementAndGet(base + i);
      }
    };
  }

  private static void assertEveryIndex(AtomicIntegerArray hits, int times) {
    for (int i = 0; i < hits.length(); i++) {
      assertEquals(times, hits.get(i), "index " + i);
    }
  }

  /** Every index of every section is run exactly once, sections back to back (the spinning hand-over) and after pauses (parked workers). */
  @Test
  void everyIndexRunsExactlyOnceInEverySection() throws Exception {
    for (int threads : new int[] {1, 2, 3, 4}) {
      try (WorkerPool pool = new WorkerPool(threads)) {
        for (int round = 0; round < 3000; round++) {
          int n = 1 + round % 97;
          int grain = 1 + round % 5;
          AtomicIntegerArray hits = new AtomicIntegerArray(n);
          pool.parallelFor(n, grain, counting(hits, 0));
          for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "threads " + threads + " round " + round + " index " + i + " of " + n);
          }
          if (round % 1000 == 999) {
            Thread.sleep(5);  // longer than the spin: the workers park and must be woken
          }
        }
      }
    }
  }

  @Test
  void aTaskExceptionReachesTheCallerAndThePoolGoesOn() {
    try (WorkerPool pool = new WorkerPool(2)) {
      IllegalArgumentException thrown = new IllegalArgumentException("bad row");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.parallelFor(100, 1,
          (from, to) -> {
            if (from > 0) {
              throw thrown;  // on the worker's chunk
            }
          }));
      assertSame(thrown, e);
      AtomicIntegerArray hits = new AtomicIntegerArray(100);
      pool.parallelFor(100, 1, counting(hits, 0));
      assertEveryIndex(hits, 1);
    }
  }

  @Test
  void aNestedOrConcurrentCallRunsOnItsOwnThread() throws Exception {
    try (WorkerPool pool = new WorkerPool(2)) {
      AtomicIntegerArray hits = new AtomicIntegerArray(64);
      pool.parallelFor(8, 1, (from, to) -> {
        for (int k = from; k < to; k++) {
          int base = k * 8;
          pool.parallelFor(8, 1, counting(hits, base));  // a task calling back into the pool
        }
      });
      assertEveryIndex(hits, 1);

      int callers = 4;
      AtomicIntegerArray all = new AtomicIntegerArray(callers * 1000);
      CountDownLatch done = new CountDownLatch(callers);
      for (int c = 0; c < callers; c++) {
        int base = c * 1000;
        Thread t = new Thread(() -> {
          for (int r = 0; r < 200; r++) {
            pool.parallelFor(1000, 7, counting(all, base));
          }
          done.countDown();
        });
        t.start();
      }
      done.await();
      assertEveryIndex(all, 200);
    }
  }

  @Test
  void aClosedPoolRunsSectionsOnTheCaller() {
    WorkerPool pool = new WorkerPool(2);
    pool.close();
    AtomicIntegerArray hits = new AtomicIntegerArray(10);
    pool.parallelFor(10, 1, counting(hits, 0));
    assertEveryIndex(hits, 1);
  }
}
