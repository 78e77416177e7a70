package io.corpusforge.inference;

import io.corpusforge.inference.backend.BackendChoice;

/**
 * @param threads CPU threads of the engine's own pool ({@code <= 0}: available processors)
 * @param maxBatch most sequences advanced together in one forward step
 * @param contextLength KV-cache length per sequence; 0 = the model's trained context length (larger values are
 *     capped at it)
 * @param prefixCache start each prompt after the longest prefix whose keys and values a KV-cache slot already holds
 *     (exact: results are the same either way; off only to measure what it saves)
 * @param backend where the forward pass runs (CPU, or a device backend when one is on the classpath)
 */
public record EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache,
    BackendChoice backend) {
  public EngineOptions {
    if (backend == null) {
      backend = BackendChoice.AUTO;
    }
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

  /** On the backend {@code auto} picks. */
  public EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache) {
    this(threads, maxBatch, contextLength, prefixCache, BackendChoice.AUTO);
  }

  /** With the prefix cache on. */
  public EngineOptions(int threads, int maxBatch, int contextLength) {
    this(threads, maxBatch, contextLength, true);
  }

  /** The same options on another backend. */
  public EngineOptions withBackend(BackendChoice choice) {
    return new EngineOptions(threads, maxBatch, contextLength, prefixCache, choice);
  }

  /** All processors, batches of 8, a 4096-token context (or the model's, when shorter). */
  public static EngineOptions defaults() {
    return new EngineOptions(0, 8, 4096);
  }
}
