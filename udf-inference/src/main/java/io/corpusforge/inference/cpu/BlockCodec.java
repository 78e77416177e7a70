package io.corpusforge.inference.cpu;

import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.GgufException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The one place that knows each tensor type's block layout: decoding blocks to floats, and rounding activations the
 * way llama.cpp's CPU backend does before a dot product with that weight type (its {@code vec_dot_type}: F16 for
 * F16, Q8_0 for the 32-element quants, Q8_K for the k-quants). Matching that rounding keeps our logits within float
 * noise of llama.cpp's for every type, instead of within the (much larger) activation quantization error.
 */
public final class BlockCodec {
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private BlockCodec() {}

  /** Types the CPU backend can compute with. */
  public static boolean supports(GgmlType t) {
    return switch (t) {
      case F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K -> true;
      default -> false;
    };
  }

  public static void requireSupported(GgmlType t, String tensor) {
    if (!supports(t)) {
      throw new GgufException("tensor '" + tensor + "' has type " + t
          + ", which the CPU backend does not compute (F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K)");
    }
  }

  static float f16(MemorySegment s, long off) {
    return Float.float16ToFloat(s.get(SHORT, off));
  }

  static int u8(MemorySegment s, long off) {
    return Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, off));
  }

  private static final java.lang.invoke.VarHandle SHORT_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final java.lang.invoke.VarHandle INT_LE =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  /** Per-thread copy of the row being decoded: plain array reads are much cheaper than per-byte segment reads. */
  private static final ThreadLocal<byte[][]> ROW = ThreadLocal.withInitial(() -> new byte[1][0]);

  private static float f16(byte[] b, int i) {
    return Float.float16ToFloat((short) SHORT_LE.get(b, i));
  }

  /** Decodes {@code n} values (whole blocks) starting at byte {@code off} into {@code out[o..o+n)}. */
  public static void dequantize(GgmlType t, MemorySegment s, long off, float[] out, int o, int n) {
    if (t == GgmlType.F32) {
      MemorySegment.copy(s, FLOAT, off, out, o, n);
      return;
    }
    int bytes = (int) t.bytesFor(n);
    byte[][] holder = ROW.get();
    if (holder[0].length < bytes) {
      holder[0] = new byte[bytes];
    }
    byte[] b = holder[0];
    MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, b, 0, bytes);
    dequantize(t, b, out, o, n);
  }

  /** Decodes {@code n} values from the start of {@code b}. */
  static void dequantize(GgmlType t, byte[] b, float[] out, int o, int n) {
    int p = 0;
    switch (t) {
      case F32 -> {
        for (int i = 0; i < n; i++) {
          out[o + i] = Float.intBitsToFloat((int) INT_LE.get(b, 4 * i));
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          out[o + i] = Float.float16ToFloat((short) SHORT_LE.get(b, 2 * i));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          out[o + i] = Float.intBitsToFloat(((short) SHORT_LE.get(b, 2 * i)) << 16);
        }
      }
      case Q8_0 -> {
        for (int y = o; y < o + n; y += 32, p += 34) {
          float d = f16(b, p);
          for (int j = 0; j < 32; j++) {
            out[y + j] = d * b[p + 2 + j];
          }
        }
      }
      case Q4_0 -> {
        for (int y = o; y < o + n; y += 32, p += 18) {
          float d = f16(b, p);
          for (int j = 0; j < 16; j++) {
            int q = b[p + 2 + j] & 0xFF;
            out[y + j] = d * ((q & 0xF) - 8);
            out[y + j + 16] = d * ((q >>> 4) - 8);
          }
        }
      }
      case Q4_1 -> {
        for (int y = o; y < o + n; y += 32, p += 20) {
          float d = f16(b, p);
          float m = f16(b, p + 2);
          for (int j = 0; j < 16; j++) {
            int q = b[p + 4 + j] & 0xFF;
            out[y + j] = (q & 0xF) * d + m;
            out[y + j + 16] = (q >>> 4) * d + m;
          }
        }
      }
      case Q5_0 -> {
        for (int y = o; y < o + n; y += 32, p += 22) {
          float d = f16(b, p);
          int qh = (int) INT_LE.get(b, p + 2);
          for (int j = 0; j < 16; j++) {
            int q = b[p + 6 + j] & 0xFF;
            int h0 = ((qh >>> j) << 4) & 0x10;
            int h1 = (qh >>> (j + 12)) & 0x10;
            out[y + j] = d * (((q & 0xF) | h0) - 16);
            out[y + j + 16] = d * (((q >>> 4) | h1) - 16);
          }
        }
      }
      case Q5_1 -> {
        for (int y = o; y < o + n; y += 32, p += 24) {
          float d = f16(b, p);
          float m = f16(b, p + 2);
          int qh = (int) INT_LE.get(b, p + 4);
          for (int j = 0; j < 16; j++) {
            int q = b[p + 8 + j] & 0xFF;
            int h0 = ((qh >>> j) << 4) & 0x10;
            int h1 = (qh >>> (j + 12)) & 0x10;
            out[y + j] = ((q & 0xF) | h0) * d + m;
            out[y + j + 16] = ((q >>> 4) | h1) * d + m;
          }
        }
      }
      case Q4_K -> {
        for (int y = o; y < o + n; p += 144) {
          float d = f16(b, p);
          float dmin = f16(b, p + 2);
          int scales = p + 4;
          int qs = p + 16;
          for (int j = 0, is = 0; j < 256; j += 64, is += 2, qs += 32) {
            float d1 = d * scaleK4(b, scales, is, false);
            float m1 = dmin * scaleK4(b, scales, is, true);
            float d2 = d * scaleK4(b, scales, is + 1, false);
            float m2 = dmin * scaleK4(b, scales, is + 1, true);
            for (int l = 0; l < 32; l++) {
              out[y + l] = d1 * (b[qs + l] & 0xF) - m1;
            }
            for (int l = 0; l < 32; l++) {
              out[y + 32 + l] = d2 * ((b[qs + l] & 0xFF) >>> 4) - m2;
            }
            y += 64;
          }
        }
      }
      case Q5_K -> {
        for (int y = o; y < o + n; p += 176) {
          float d = f16(b, p);
          float dmin = f16(b, p + 2);
          int scales = p + 4;
          int qh = p + 16;
          int ql = p + 48;
          int u1 = 1;
          int u2 = 2;
          for (int j = 0, is = 0; j < 256; j += 64, is += 2, ql += 32, u1 <<= 2, u2 <<= 2) {
            float d1 = d * scaleK4(b, scales, is, false);
            float m1 = dmin * scaleK4(b, scales, is, true);
            float d2 = d * scaleK4(b, scales, is + 1, false);
            float m2 = dmin * scaleK4(b, scales, is + 1, true);
            for (int l = 0; l < 32; l++) {
              out[y + l] = d1 * ((b[ql + l] & 0xF) + ((b[qh + l] & u1) != 0 ? 16 : 0)) - m1;
            }
            for (int l = 0; l < 32; l++) {
              out[y + 32 + l] = d2 * (((b[ql + l] & 0xFF) >>> 4) + ((b[qh + l] & u2) != 0 ? 16 : 0)) - m2;
            }
            y += 64;
          }
        }
      }
      case Q6_K -> {
        for (int y = o; y < o + n; p += 210) {
          int ql = p;
          int qh = p + 128;
          int sc = p + 192;
          float d = f16(b, p + 208);
          for (int half = 0; half < 2; half++, ql += 64, qh += 32, sc += 8, y += 128) {
            for (int l = 0; l < 32; l++) {
              int is = l / 16;
              int h = b[qh + l] & 0xFF;
              int q1 = ((b[ql + l] & 0xF) | ((h & 3) << 4)) - 32;
              int q2 = ((b[ql + l + 32] & 0xF) | (((h >>> 2) & 3) << 4)) - 32;
              int q3 = (((b[ql + l] & 0xFF) >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
              int q4 = (((b[ql + l + 32] & 0xFF) >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
              out[y + l] = d * b[sc + is] * q1;
              out[y + l + 32] = d * b[sc + is + 2] * q2;
              out[y + l + 64] = d * b[sc + is + 4] * q3;
              out[y + l + 96] = d * b[sc + is + 6] * q4;
            }
          }
        }
      }
      default -> throw new GgufException("cannot decode " + t);
    }
  }

  /** The 6-bit scale (or min) number {@code j} of a Q4_K/Q5_K block's 12 packed scale bytes at {@code q}. */
  private static int scaleK4(byte[] b, int q, int j, boolean min) {
    if (j < 4) {
      return b[q + j + (min ? 4 : 0)] & 63;
    }
    if (!min) {
      return (b[q + j + 4] & 0xF) | (((b[q + j - 4] & 0xFF) >>> 6) << 4);
    }
    return ((b[q + j + 4] & 0xFF) >>> 4) | (((b[q + j] & 0xFF) >>> 6) << 4);
  }

  /**
   * Dot product of a Q4_1/Q5_1 row with Q8_1-rounded activations as llama.cpp forms it: per block
   * {@code d * sum(q * x) + m * s}, where {@code s} is the activations' stored (F16) block sum. The scalar reference
   * (tests, benchmarks); the engine runs {@link BlockDot#rows}, the same terms summed in another order.
   */
  static float dotWithMin(GgmlType t, MemorySegment s, long off, float[] x, int xo, float[] sums, int so, int n) {
    float total = 0;
    for (int b = 0; b < n; b += 32, off += t.blockBytes) {
      float d = f16(s, off);
      float m = f16(s, off + 2);
      // low nibbles are values 0..15, high nibbles 16..31; summed in that order (as the array this replaced)
      float lo = 0;
      float hi = 0;
      if (t == GgmlType.Q4_1) {
        for (int j = 0; j < 16; j++) {
          int v = u8(s, off + 4 + j);
          lo += (v & 0xF) * x[xo + b + j];
          hi += (v >>> 4) * x[xo + b + j + 16];
        }
      } else {
        int qh = s.get(INT, off + 4);
        for (int j = 0; j < 16; j++) {
          int v = u8(s, off + 8 + j);
          lo += ((v & 0xF) | (((qh >>> j) << 4) & 0x10)) * x[xo + b + j];
          hi += ((v >>> 4) | ((qh >>> (j + 12)) & 0x10)) * x[xo + b + j + 16];
        }
      }
      total += d * (lo + hi) + m * sums[so + b / 32];
    }
    return total;
  }

  /** What activations become before meeting a weight of type {@code t} in llama.cpp's CPU dot products. */
  enum ActivationRounding { NONE, F16, BF16, Q8_0, Q8_1, Q8_K }

  /** Types with a per-block minimum ({@code d*q + m}); llama.cpp dots them via Q8_1's stored block sums. */
  static boolean hasMin(GgmlType t) {
    return t == GgmlType.Q4_1 || t == GgmlType.Q5_1;
  }

  static ActivationRounding activationRounding(GgmlType t) {
    return switch (t) {
      case F32 -> ActivationRounding.NONE;
      case F16 -> ActivationRounding.F16;
      case BF16 -> ActivationRounding.BF16;
      case Q8_0, Q4_0, Q5_0 -> ActivationRounding.Q8_0;
      case Q4_1, Q5_1 -> ActivationRounding.Q8_1;
      case Q4_K, Q5_K, Q6_K -> ActivationRounding.Q8_K;
      default -> throw new GgufException("no dot product for " + t);
    };
  }

  /** Rounds {@code n} activations in place as {@link #activationRounding} says (quantize, then dequantize). */
  static void roundActivations(ActivationRounding r, float[] x, int o, int n) {
    roundActivations(r, x, o, n, null, 0);
  }

  /**
   * As above; for Q8_1 also writes each block's sum {@code fp16(d * sum(q))} into {@code sums[so + block]}, the
   * value llama.cpp multiplies by the weight block's minimum.
   */
  static void roundActivations(ActivationRounding r, float[] x, int o, int n, float[] sums, int so) {
    switch (r) {
      case NONE -> { }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          x[o + i] = Float.float16ToFloat(Float.floatToFloat16(x[o + i]));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          x[o + i] = Float.intBitsToFloat(io.corpusforge.inference.gguf.TensorEncoder.floatToBf16(x[o + i]) << 16);
        }
      }
      case Q8_0, Q8_1 -> {
        for (int b = 0; b < n; b += 32) {
          float amax = 0;
          for (int j = 0; j < 32; j++) {
            amax = Math.max(amax, Math.abs(x[o + b + j]));
          }
          float d = amax / 127f;
          float id = amax != 0 ? 127f / amax : 0f;
          float dh = Float.float16ToFloat(Float.floatToFloat16(d));
          int sumq = 0;
          for (int j = 0; j < 32; j++) {
            float q = (float) Math.rint(x[o + b + j] * id);
            sumq += (int) q;
            x[o + b + j] = dh * q;
          }
          if (sums != null) {
            sums[so + b / 32] = Float.float16ToFloat(Float.floatToFloat16(d * sumq));
          }
        }
      }
      case Q8_K -> {
        for (int b = 0; b < n; b += 256) {
          float amax = 0;
          float max = 0;
          for (int j = 0; j < 256; j++) {
            float ax = Math.abs(x[o + b + j]);
            if (ax > amax) {
              amax = ax;
              max = x[o + b + j];
            }
          }
          if (amax == 0) {
            java.util.Arrays.fill(x, o + b, o + b + 256, 0f);
            continue;
          }
          float iscale = -127f / max;
          float d = 1 / iscale;
          for (int j = 0; j < 256; j++) {
            x[o + b + j] = d * Math.min(127, (int) Math.rint(iscale * x[o + b + j]));
          }
        }
      }
    }
  }
}
