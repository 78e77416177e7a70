package io.corpusforge.inference.gguf;

/**
 * ggml tensor element types as stored in GGUF: a type is a block layout ({@code blockSize} elements packed into
 * {@code blockBytes} bytes). Only the layout lives here; how to decode a block is in the backend.
 */
public enum GgmlType {
  F32(0, 1, 4),
  F16(1, 1, 2),
  Q4_0(2, 32, 18),
  Q4_1(3, 32, 20),
  Q5_0(6, 32, 22),
  Q5_1(7, 32, 24),
  Q8_0(8, 32, 34),
  Q8_1(9, 32, 36),
  Q2_K(10, 256, 84),
  Q3_K(11, 256, 110),
  Q4_K(12, 256, 144),
  Q5_K(13, 256, 176),
  Q6_K(14, 256, 210),
  Q8_K(15, 256, 292),
  BF16(30, 1, 2);

  public final int id;
  public final int blockSize;
  public final int blockBytes;

  GgmlType(int id, int blockSize, int blockBytes) {
    this.id = id;
    this.blockSize = blockSize;
    this.blockBytes = blockBytes;
  }

  /** Bytes taken by {@code elements} values; they must be a whole number of blocks. */
  public long bytesFor(long elements) {
    if (elements % blockSize != 0) {
      throw new GgufException(this + " needs a multiple of " + blockSize + " elements per row, got " + elements);
    }
    return elements / blockSize * blockBytes;
  }

  public static GgmlType byId(long id) {
    for (GgmlType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    throw new GgufException("unsupported tensor type id " + id
        + " (supported: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q8_1, Q2_K..Q8_K)");
  }
}
