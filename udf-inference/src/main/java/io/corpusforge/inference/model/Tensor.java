package io.corpusforge.inference.model;

import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.GgufException;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.gguf.GgufTensorInfo;
import java.lang.foreign.MemorySegment;

/**
 * A 1-D or 2-D tensor in its file layout, not copied: {@code rows} rows of {@code cols} values, each row whole
 * blocks of {@code type}, {@code rowBytes} apart in {@code data} (a slice of the mapped file). How the blocks are
 * decoded is each backend's business.
 */
public record Tensor(String name, GgmlType type, MemorySegment data, int rows, int cols, long rowBytes) {

  /** The tensor {@code name} of {@code f}, checked to be {@code rows} rows of {@code cols} values. */
  static Tensor of(GgufFile f, String name, int cols, int rows) {
    GgufTensorInfo t = f.requireTensor(name);
    long c = t.rowLength();
    long r = t.rows();
    if (c != cols || r != rows) {
      throw new GgufException("tensor '" + name + "' has shape [" + c + ", " + r + "], expected [" + cols + ", "
          + rows + "]");
    }
    return new Tensor(name, t.type(), f.tensorData(t), rows, cols, t.type().bytesFor(c));
  }

  /** Byte offset of row {@code r} in {@link #data}. */
  public long rowOffset(int r) {
    return r * rowBytes;
  }
}
