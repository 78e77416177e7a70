package io.corpusforge.inference.backend;

/**
 * A sequence cannot get KV-cache memory (the configured byte budget, or the heap, has no room for its positions).
 * It concerns that sequence only: the scheduler ends its request with this message and the others go on.
 */
public final class KvCacheFullException extends RuntimeException {
  public KvCacheFullException(String message) {
    super(message);
  }
}
