package io.corpusforge.inference;

/**
 * @param threads CPU threads of the engine's own pool ({@code <= 0}: available processors)
 * @param maxBatch most sequences advanced together in one forward step
 * @param contextLength KV-cache length per sequence; 0 = the model's trained context length (larger values are
 *     capped at it)
 * @param prefixCache start each prompt after the longest prefix whose keys and values a KV-cache slot already holds
 *     (exact: results are the same either way; off only to measure what it saves)
 */
public record EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache) {
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

  /** With the prefix cache on. */
  public EngineOptions(int threads, int maxBatch, int contextLength) {
    this(threads, maxBatch, contextLength, true);
  }

  /** All processors, batches of 8, a 4096-token context (or the model's, when shorter). */
  public static EngineOptions defaults() {
    return new EngineOptions(0, 8, 4096);
  }
}
