package io.corpusforge.inference.tornado;

import io.corpusforge.inference.cpu.BlockCodec;
import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.TensorEncoder;
import io.corpusforge.inference.model.Tensor;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;
import uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray;

/**
 * A weight matrix in the form the kernels read: F32 as floats, F16 as raw halves, Q8_0 and Q4_0 as their GGUF
 * blocks, byte for byte; BF16 widened to F32 (exact); every other type (K-quants, Q4_1, Q5_x) re-quantized to Q8_0
 * at load, which is close to but not the file's values.
 */
record DeviceTensor(GgmlType type, TornadoNativeArray data, int rows, int cols, boolean converted) {

  static DeviceTensor of(Tensor t) {
    return switch (t.type()) {
      case F32 -> new DeviceTensor(GgmlType.F32, FloatArray.fromSegment(t.data()), t.rows(), t.cols(), false);
      case F16 -> new DeviceTensor(GgmlType.F16, ShortArray.fromSegment(t.data()), t.rows(), t.cols(), false);
      case Q8_0, Q4_0 -> new DeviceTensor(t.type(), ByteArray.fromSegment(t.data()), t.rows(), t.cols(), false);
      case BF16 -> new DeviceTensor(GgmlType.F32, floats(t), t.rows(), t.cols(), true);
      default -> toQ8_0(t);
    };
  }

  /** A small tensor (norm weights, biases, rope factors) as floats; null stays null. */
  static FloatArray floats(Tensor t) {
    if (t == null) {
      return null;
    }
    float[] row = new float[t.cols()];
    FloatArray out = new FloatArray(t.rows() * t.cols());
    for (int r = 0; r < t.rows(); r++) {
      BlockCodec.dequantize(t.type(), t.data(), t.rowOffset(r), row, 0, t.cols());
      for (int j = 0; j < row.length; j++) {
        out.set(r * t.cols() + j, row[j]);
      }
    }
    return out;
  }

  private static DeviceTensor toQ8_0(Tensor t) {
    if (t.cols() % 32 != 0) {
      throw new IllegalArgumentException("tensor '" + t.name() + "' of type " + t.type()
          + " cannot be converted to Q8_0: rows of " + t.cols() + " values");
    }
    int rowBytes = t.cols() / 32 * 34;
    ByteArray out = new ByteArray(Math.multiplyExact(t.rows(), rowBytes));
    float[] row = new float[t.cols()];
    for (int r = 0; r < t.rows(); r++) {
      BlockCodec.dequantize(t.type(), t.data(), t.rowOffset(r), row, 0, t.cols());
      byte[] q = TensorEncoder.encode(GgmlType.Q8_0, row);
      for (int j = 0; j < q.length; j++) {
        out.set(r * rowBytes + j, q[j]);
      }
    }
    return new DeviceTensor(GgmlType.Q8_0, out, t.rows(), t.cols(), true);
  }

  long bytes() {
    return data.getNumBytesOfSegment();
  }

  /**
   * How activations are rounded before meeting this weight, as the CPU backend rounds them for the file's type
   * (BF16 widened to F32 still rounds to BF16; a converted quant rounds as Q8_0).
   */
  int rounding(GgmlType fileType) {
    return switch (fileType) {
      case F32 -> 0;
      case F16 -> DeviceKernels.ROUND_F16;
      case BF16 -> DeviceKernels.ROUND_BF16;
      default -> DeviceKernels.ROUND_Q8_0;
    };
  }
}
