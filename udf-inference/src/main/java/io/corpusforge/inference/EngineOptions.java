package io.corpusforge.inference;

/**
 * @param threads CPU threads of the engine's own pool ({@code <= 0}: available processors)
 * @param maxBatch most sequences advanced together in one forward step
 * @param contextLength KV-cache length per sequence; 0 = the model's trained context length (larger values are
 *     capped at it)
 * @param prefixCache start each prompt after the longest prefix whose keys and values a KV-cache slot already holds
 *     (exact: results are the same either way; off only to measure what it saves)
 * @param batchAcrossCalls requests of concurrent {@code generate}/{@code submit} calls (several Spark tasks of one
 *     executor) share forward steps; false runs one call's requests at a time, as the engine did before the request
 *     queue (only to measure what sharing gains: results are the same either way, seeds are per request)
 */
public record EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache,
    boolean batchAcrossCalls) {
  public EngineOptions {
    if (threads <= 0) {
      threads = Runtime.getRuntime().availableProcessors();
    }
    if (maxBatch <= 0) {
      throw new IllegalArgumentException("maxBatch must be > 0, got " + maxBatch);
    }
    if (contextLength < 0) {
      throw new IllegalArgumentException("contextLength must be >= 0, got " + contextLength);
    }
  }

  /** Sharing steps across calls. */
  public EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache) {
    this(threads, maxBatch, contextLength, prefixCache, true);
  }

  /** With the prefix cache on, sharing steps across calls. */
  public EngineOptions(int threads, int maxBatch, int contextLength) {
    this(threads, maxBatch, contextLength, true);
  }

  /** The same options with another thread count (the Spark adapter sizes the pool from the executor's cores). */
  public EngineOptions withThreads(int n) {
    return new EngineOptions(n, maxBatch, contextLength, prefixCache, batchAcrossCalls);
  }

  /** All processors, batches of 8, a 4096-token context (or the model's, when shorter). */
  public static EngineOptions defaults() {
    return new EngineOptions(0, 8, 4096);
  }
}
