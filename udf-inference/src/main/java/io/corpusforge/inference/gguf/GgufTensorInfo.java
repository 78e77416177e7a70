package io.corpusforge.inference.gguf;

/**
 * One tensor's description. {@code shape} is in GGUF order: {@code shape[0]} is the fastest-varying dimension
 * (the length of a row). {@code offset} is relative to the start of the data section.
 */
public record GgufTensorInfo(String name, long[] shape, GgmlType type, long offset) {
  public long elements() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  public long bytes() {
    return type.bytesFor(elements());
  }

  /** Elements per row ({@code shape[0]}). */
  public long rowLength() {
    return shape[0];
  }

  public long rows() {
    return elements() / shape[0];
  }

  @Override
  public String toString() {
    return name + java.util.Arrays.toString(shape) + " " + type;
  }
}
