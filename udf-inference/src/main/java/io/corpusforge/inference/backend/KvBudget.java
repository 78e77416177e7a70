package io.corpusforge.inference.backend;

/** The KV cache's byte budget, from configuration and the JVM heap, checked when an engine starts. */
public final class KvBudget {
  /** Share of the JVM's max heap the KV cache may take: the rest is for the job (Spark rows, buffers). */
  public static final double MAX_HEAP_SHARE = 0.5;
  /** Share of the max heap an automatic budget ({@code kv-cache-bytes = 0}) takes. */
  public static final double AUTO_HEAP_SHARE = 0.25;

  private KvBudget() {}

  /**
   * @param configured bytes from configuration; 0 = automatic ({@link #AUTO_HEAP_SHARE} of the heap)
   * @param fullCache bytes the cache takes with every slot at the full context length (more is never used)
   * @param maxHeap the JVM's max heap ({@code Runtime.maxMemory()})
   * @return the budget in bytes
   * @throws IllegalArgumentException when the configured budget is larger than {@link #MAX_HEAP_SHARE} of the heap
   */
  public static long resolve(long configured, long fullCache, long maxHeap) {
    if (configured < 0) {
      throw new IllegalArgumentException("kv-cache-bytes must be >= 0, got " + configured);
    }
    long limit = (long) (maxHeap * MAX_HEAP_SHARE);
    if (configured > limit) {
      throw new IllegalArgumentException("kv-cache-bytes = " + configured + " is more than half of the JVM's max "
          + "heap (" + maxHeap + " bytes): lower it, or raise -Xmx / spark.executor.memory");
    }
    long budget = configured == 0 ? (long) (maxHeap * AUTO_HEAP_SHARE) : configured;
    return Math.min(budget, fullCache);
  }
}
