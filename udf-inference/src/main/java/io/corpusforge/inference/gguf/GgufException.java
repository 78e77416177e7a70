package io.corpusforge.inference.gguf;

/** A GGUF file that cannot be used: truncated, corrupt, an unknown version, an unsupported type or a missing key. */
public final class GgufException extends RuntimeException {
  public GgufException(String message) {
    super(message);
  }

  public GgufException(String message, Throwable cause) {
    super(message, cause);
  }
}
