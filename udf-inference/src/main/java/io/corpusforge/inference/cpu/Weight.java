package io.corpusforge.inference.cpu;

import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.GgufException;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.gguf.GgufTensorInfo;
import java.lang.foreign.MemorySegment;

/** A 1-D or 2-D tensor in its file layout: {@code rows} rows of {@code cols} values, each row whole blocks. */
record Weight(String name, GgmlType type, MemorySegment data, int rows, int cols, long rowBytes) {

  static Weight of(GgufFile f, String name) {
    GgufTensorInfo t = f.requireTensor(name);
    BlockCodec.requireSupported(t.type(), name);
    long cols = t.rowLength();
    long rows = t.rows();
    if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
      throw new GgufException(name + " is too large");
    }
    return new Weight(name, t.type(), f.tensorData(t), (int) rows, (int) cols, t.type().bytesFor(cols));
  }

  /** Checks the shape against what the model spec implies. */
  Weight expect(int cols, int rows) {
    if (this.cols != cols || this.rows != rows) {
      throw new GgufException("tensor '" + name + "' has shape [" + this.cols + ", " + this.rows + "], expected ["
          + cols + ", " + rows + "]");
    }
    return this;
  }

  void row(int r, float[] out, int o) {
    BlockCodec.dequantize(type, data, r * rowBytes, out, o, cols);
  }

  float[] toFloats() {
    float[] out = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      row(r, out, r * cols);
    }
    return out;
  }
}
