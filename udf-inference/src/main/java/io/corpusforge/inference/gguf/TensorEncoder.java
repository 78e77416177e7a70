package io.corpusforge.inference.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float values to the bytes of a {@link GgmlType}, as ggml's reference quantizers do (rows are encoded block by
 * block; the caller keeps row lengths a multiple of the block size). Used to write models and fixtures.
 */
public final class TensorEncoder {
  private TensorEncoder() {}

  public static byte[] encode(GgmlType type, float[] x) {
    if (x.length % type.blockSize != 0) {
      throw new IllegalArgumentException(type + " needs a multiple of " + type.blockSize + " values");
    }
    ByteBuffer out = ByteBuffer.allocate((int) type.bytesFor(x.length)).order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case F32 -> {
        for (float v : x) {
          out.putFloat(v);
        }
      }
      case F16 -> {
        for (float v : x) {
          out.putShort(Float.floatToFloat16(v));
        }
      }
      case BF16 -> {
        for (float v : x) {
          out.putShort(floatToBf16(v));
        }
      }
      case Q8_0 -> {
        for (int b = 0; b < x.length; b += 32) {
          float amax = 0;
          for (int j = 0; j < 32; j++) {
            amax = Math.max(amax, Math.abs(x[b + j]));
          }
          float d = amax / 127f;
          float id = d != 0 ? 1f / d : 0f;
          out.putShort(Float.floatToFloat16(d));
          for (int j = 0; j < 32; j++) {
            out.put((byte) Math.round(x[b + j] * id));
          }
        }
      }
      case Q4_0 -> {
        for (int b = 0; b < x.length; b += 32) {
          float amax = 0;
          float max = 0;
          for (int j = 0; j < 32; j++) {
            if (Math.abs(x[b + j]) > amax) {
              amax = Math.abs(x[b + j]);
              max = x[b + j];
            }
          }
          float d = max / -8f;
          float id = d != 0 ? 1f / d : 0f;
          out.putShort(Float.floatToFloat16(d));
          for (int j = 0; j < 16; j++) {
            int lo = Math.min(15, (int) (x[b + j] * id + 8.5f));
            int hi = Math.min(15, (int) (x[b + 16 + j] * id + 8.5f));
            out.put((byte) (lo | (hi << 4)));
          }
        }
      }
      default -> throw new IllegalArgumentException("no encoder for " + type
          + " (encoders: F32, F16, BF16, Q8_0, Q4_0)");
    }
    return out.array();
  }

  /** Round-to-nearest-even truncation to bfloat16, NaN kept quiet, as ggml does. */
  public static short floatToBf16(float v) {
    int bits = Float.floatToRawIntBits(v);
    if ((bits & 0x7fffffff) > 0x7f800000) {
      return (short) ((bits >>> 16) | 64);
    }
    return (short) ((bits + (0x7fff + ((bits >>> 16) & 1))) >>> 16);
  }
}
