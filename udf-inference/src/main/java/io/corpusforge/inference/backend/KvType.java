package io.corpusforge.inference.backend;

/** Element type of the KV cache: F32, or F16 (half the memory; keys and values rounded to fp16, as llama.cpp's). */
public enum KvType {
  F32(4),
  F16(2);

  /** Bytes per stored value. */
  public final int bytes;

  KvType(int bytes) {
    this.bytes = bytes;
  }

  /** From configuration text ("f32", "f16", any case). */
  public static KvType parse(String s) {
    try {
      return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("KV cache type must be f32 or f16, got '" + s + "'");
    }
  }
}
