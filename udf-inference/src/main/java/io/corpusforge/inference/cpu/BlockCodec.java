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
      case F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q6_K -> true;
      default -> false;
    };
  }

  public static void requireSupported(GgmlType t, String tensor) {
    if (!supports(t)) {
      throw new GgufException("tensor '" + tensor + "' has type " + t
          + ", which the CPU backend does not compute (F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q6_K)");
    }
  }

  static float f16(MemorySegment s, long off) {
    return Float.float16ToFloat(s.get(SHORT, off));
  }

  static int u8(MemorySegment s, long off) {
    return Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, off));
  }

  /** Decodes {@code n} values (whole blocks) starting at byte {@code off} into {@code out[o..o+n)}. */
  public static void dequantize(GgmlType t, MemorySegment s, long off, float[] out, int o, int n) {
    switch (t) {
      case F32 -> MemorySegment.copy(s, FLOAT, off, out, o, n);
      case F16 -> {
        for (int i = 0; i < n; i++) {
          out[o + i] = Float.float16ToFloat(s.get(SHORT, off + 2L * i));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          out[o + i] = Float.intBitsToFloat(s.get(SHORT, off + 2L * i) << 16);
        }
      }
      case Q8_0 -> {
        for (int b = 0; b < n; b += 32, off += 34) {
          float d = f16(s, off);
          for (int j = 0; j < 32; j++) {
            out[o + b + j] = d * s.get(ValueLayout.JAVA_BYTE, off + 2 + j);
          }
        }
      }
      case Q4_0 -> {
        for (int b = 0; b < n; b += 32, off += 18) {
          float d = f16(s, off);
          for (int j = 0; j < 16; j++) {
            int q = u8(s, off + 2 + j);
            out[o + b + j] = d * ((q & 0xF) - 8);
            out[o + b + j + 16] = d * ((q >>> 4) - 8);
          }
        }
      }
      case Q4_1 -> {
        for (int b = 0; b < n; b += 32, off += 20) {
          float d = f16(s, off);
          float m = f16(s, off + 2);
          for (int j = 0; j < 16; j++) {
            int q = u8(s, off + 4 + j);
            out[o + b + j] = (q & 0xF) * d + m;
            out[o + b + j + 16] = (q >>> 4) * d + m;
          }
        }
      }
      case Q5_0 -> {
        for (int b = 0; b < n; b += 32, off += 22) {
          float d = f16(s, off);
          int qh = s.get(INT, off + 2);
          for (int j = 0; j < 16; j++) {
            int q = u8(s, off + 6 + j);
            int h0 = ((qh >>> j) << 4) & 0x10;
            int h1 = (qh >>> (j + 12)) & 0x10;
            out[o + b + j] = d * (((q & 0xF) | h0) - 16);
            out[o + b + j + 16] = d * (((q >>> 4) | h1) - 16);
          }
        }
      }
      case Q5_1 -> {
        for (int b = 0; b < n; b += 32, off += 24) {
          float d = f16(s, off);
          float m = f16(s, off + 2);
          int qh = s.get(INT, off + 4);
          for (int j = 0; j < 16; j++) {
            int q = u8(s, off + 8 + j);
            int h0 = ((qh >>> j) << 4) & 0x10;
            int h1 = (qh >>> (j + 12)) & 0x10;
            out[o + b + j] = ((q & 0xF) | h0) * d + m;
            out[o + b + j + 16] = ((q >>> 4) | h1) * d + m;
          }
        }
      }
      case Q4_K -> {
        for (int b = 0; b < n; b += 256, off += 144) {
          float d = f16(s, off);
          float dmin = f16(s, off + 2);
          long scales = off + 4;
          long qs = off + 16;
          int y = o + b;
          for (int j = 0, is = 0; j < 256; j += 64, is += 2, qs += 32) {
            int sc0 = scaleK4(s, scales, is, false);
            int m0 = scaleK4(s, scales, is, true);
            int sc1 = scaleK4(s, scales, is + 1, false);
            int m1 = scaleK4(s, scales, is + 1, true);
            float d1 = d * sc0;
            float mm1 = dmin * m0;
            float d2 = d * sc1;
            float mm2 = dmin * m1;
            for (int l = 0; l < 32; l++) {
              out[y++] = d1 * (u8(s, qs + l) & 0xF) - mm1;
            }
            for (int l = 0; l < 32; l++) {
              out[y++] = d2 * (u8(s, qs + l) >>> 4) - mm2;
            }
          }
        }
      }
      case Q6_K -> {
        for (int b = 0; b < n; b += 256, off += 210) {
          long ql = off;
          long qh = off + 128;
          long sc = off + 192;
          float d = f16(s, off + 208);
          int y = o + b;
          for (int half = 0; half < 2; half++, ql += 64, qh += 32, sc += 8, y += 128) {
            for (int l = 0; l < 32; l++) {
              int is = l / 16;
              int h = u8(s, qh + l);
              int q1 = ((u8(s, ql + l) & 0xF) | ((h & 3) << 4)) - 32;
              int q2 = ((u8(s, ql + l + 32) & 0xF) | (((h >>> 2) & 3) << 4)) - 32;
              int q3 = ((u8(s, ql + l) >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
              int q4 = ((u8(s, ql + l + 32) >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
              out[y + l] = d * s.get(ValueLayout.JAVA_BYTE, sc + is) * q1;
              out[y + l + 32] = d * s.get(ValueLayout.JAVA_BYTE, sc + is + 2) * q2;
              out[y + l + 64] = d * s.get(ValueLayout.JAVA_BYTE, sc + is + 4) * q3;
              out[y + l + 96] = d * s.get(ValueLayout.JAVA_BYTE, sc + is + 6) * q4;
            }
          }
        }
      }
      default -> throw new GgufException("cannot decode " + t);
    }
  }

  /**
   * Dot product of a Q4_1/Q5_1 row with Q8_1-rounded activations as llama.cpp forms it: per block
   * {@code d * sum(q * x) + m * s}, where {@code s} is the activations' stored (F16) block sum.
   */
  static float dotWithMin(GgmlType t, MemorySegment s, long off, float[] x, int xo, float[] sums, int so, int n) {
    float total = 0;
    float[] q = new float[32];
    for (int b = 0; b < n; b += 32, off += t.blockBytes) {
      float d = f16(s, off);
      float m = f16(s, off + 2);
      if (t == GgmlType.Q4_1) {
        for (int j = 0; j < 16; j++) {
          int v = u8(s, off + 4 + j);
          q[j] = v & 0xF;
          q[j + 16] = v >>> 4;
        }
      } else {
        int qh = s.get(INT, off + 4);
        for (int j = 0; j < 16; j++) {
          int v = u8(s, off + 8 + j);
          q[j] = (v & 0xF) | (((qh >>> j) << 4) & 0x10);
          q[j + 16] = (v >>> 4) | ((qh >>> (j + 12)) & 0x10);
        }
      }
      float sum = 0;
      for (int j = 0; j < 32; j++) {
        sum += q[j] * x[xo + b + j];
      }
      total += d * sum + m * sums[so + b / 32];
    }
    return total;
  }

  /** The 6-bit scale (or min) number {@code j} of a Q4_K/Q5_K block's 12 packed scale bytes. */
  private static int scaleK4(MemorySegment s, long q, int j, boolean min) {
    if (j < 4) {
      return u8(s, q + j + (min ? 4 : 0)) & 63;
    }
    if (!min) {
      return (u8(s, q + j + 4) & 0xF) | ((u8(s, q + j - 4) >>> 6) << 4);
    }
    return (u8(s, q + j + 4) >>> 4) | ((u8(s, q + j) >>> 6) << 4);
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
      case Q4_K, Q6_K -> ActivationRounding.Q8_K;
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
