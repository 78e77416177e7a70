package io.corpusforge.inference;

import io.corpusforge.inference.backend.BackendChoice;
import io.corpusforge.inference.backend.KvType;

/**
 * @param threads CPU threads of the engine's own pool ({@code <= 0}: available processors)
 * @param maxBatch most sequences advanced together in one forward step
 * @param contextLength KV-cache length per sequence; 0 = the model's trained context length (larger values are
 *     capped at it)
 * @param prefixCache start each prompt after the longest prefix whose keys and values a KV-cache slot already holds
 *     (exact: results are the same either way; off only to measure what it saves)
 * @param backend where the forward pass runs (CPU, or a device backend when one is on the classpath)
 * @param kvCacheBytes byte budget of the KV cache, all slots together; 0 = a quarter of the JVM's max heap. More than
 *     half the max heap is refused when the engine starts; a request that cannot get KV memory ends with an error
 *     of its own while the others go on
 * @param kvType element type of the KV cache (F16 halves its memory)
 * @param batchAcrossCalls requests of concurrent {@code generate}/{@code submit} calls (several Spark tasks of one
 *     executor) share forward steps; false runs one call's requests at a time, as the engine did before the request
 *     queue (only to measure what sharing gains: results are the same either way, seeds are per request)
 */
public record EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache,
    BackendChoice backend, long kvCacheBytes, KvType kvType, boolean batchAcrossCalls) {
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
    if (kvCacheBytes < 0) {
      throw new IllegalArgumentException("kvCacheBytes must be >= 0, got " + kvCacheBytes);
    }
    if (kvType == null) {
      kvType = KvType.F32;
    }
  }

  /** Sharing steps across calls. */
  public EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache, BackendChoice backend,
      long kvCacheBytes, KvType kvType) {
    this(threads, maxBatch, contextLength, prefixCache, backend, kvCacheBytes, kvType, true);
  }

  /** On the backend {@code auto} picks, with an automatic KV budget and an F32 KV cache. */
  public EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache) {
    this(threads, maxBatch, contextLength, prefixCache, BackendChoice.AUTO);
  }

  /** Automatic KV budget, F32 KV cache. */
  public EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache, BackendChoice backend) {
    this(threads, maxBatch, contextLength, prefixCache, backend, 0, KvType.F32);
  }

  /** On the backend {@code auto} picks. */
  public EngineOptions(int threads, int maxBatch, int contextLength, boolean prefixCache, long kvCacheBytes,
      KvType kvType) {
    this(threads, maxBatch, contextLength, prefixCache, BackendChoice.AUTO, kvCacheBytes, kvType);
  }

  /** With the prefix cache on. */
  public EngineOptions(int threads, int maxBatch, int contextLength) {
    this(threads, maxBatch, contextLength, true);
  }

  /** The same options on another backend. */
  public EngineOptions withBackend(BackendChoice choice) {
    return new EngineOptions(threads, maxBatch, contextLength, prefixCache, choice, kvCacheBytes, kvType,
        batchAcrossCalls);
  }

  /** The same options with another thread count (the Spark adapter sizes the pool from the executor's cores). */
  public EngineOptions withThreads(int n) {
    return new EngineOptions(n, maxBatch, contextLength, prefixCache, backend, kvCacheBytes, kvType,
        batchAcrossCalls);
  }

  /** The same options, sharing steps across calls or not. */
  public EngineOptions withBatchAcrossCalls(boolean across) {
    return new EngineOptions(threads, maxBatch, contextLength, prefixCache, backend, kvCacheBytes, kvType, across);
  }

  /** All processors, batches of 8, a 4096-token context (or the model's, when shorter). */
  public static EngineOptions defaults() {
    return new EngineOptions(0, 8, 4096);
  }
}
