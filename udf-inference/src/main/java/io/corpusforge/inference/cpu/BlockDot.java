package io.corpusforge.inference.cpu;

import io.corpusforge.inference.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of one quantized weight row, read straight from the mapped file, with float activations: the block's
 * quants are widened to floats in vector registers and multiplied there, so the row is never written out. Used for
 * Q8_0 and Q4_0 (the types whose rows dominate the model size); others decode a row with {@link BlockCodec} first.
 *
 * <p>Each 32-value block contributes {@code d * sum(q * x)}, accumulated in 8 float lanes summed in a fixed order. When
 * several tokens meet the same row (prompt processing, batches) the row's quants are first widened once into a float
 * buffer ({@link #unpack}) and {@link #dotUnpacked} runs the very same operations on it for up to four tokens at a
 * time, so a token's result is bit-identical whichever path served it: batching never changes the output.
 */
final class BlockDot {
  static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
  static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
  static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private BlockDot() {}

  static boolean fused(GgmlType t) {
    return t == GgmlType.Q8_0 || t == GgmlType.Q4_0;
  }

  static float dot(GgmlType t, MemorySegment s, long off, float[] x, int xo, int n) {
    return t == GgmlType.Q8_0 ? dotQ8_0(s, off, x, xo, n) : dotQ4_0(s, off, x, xo, n);
  }

  static float dotQ8_0(MemorySegment s, long off, float[] x, int xo, int n) {
    FloatVector acc = FloatVector.zero(F8);
    for (int b = 0; b < n; b += 32, off += 34) {
      float d = Float.float16ToFloat(s.get(SHORT, off));
      FloatVector sum = widen(s, off + 2).mul(FloatVector.fromArray(F8, x, xo + b));
      sum = widen(s, off + 10).fma(FloatVector.fromArray(F8, x, xo + b + 8), sum);
      sum = widen(s, off + 18).fma(FloatVector.fromArray(F8, x, xo + b + 16), sum);
      sum = widen(s, off + 26).fma(FloatVector.fromArray(F8, x, xo + b + 24), sum);
      acc = sum.fma(FloatVector.broadcast(F8, d), acc);
    }
    return Kernels.sumLanes(acc);
  }

  private static FloatVector widen(MemorySegment s, long off) {
    return (FloatVector) ByteVector.fromMemorySegment(B8, s, off, ByteOrder.LITTLE_ENDIAN)
        .convertShape(VectorOperators.B2F, F8, 0);
  }

  static float dotQ4_0(MemorySegment s, long off, float[] x, int xo, int n) {
    FloatVector acc = FloatVector.zero(F8);
    for (int b = 0; b < n; b += 32, off += 18) {
      float d = Float.float16ToFloat(s.get(SHORT, off));
      ByteVector q = ByteVector.fromMemorySegment(B16, s, off + 2, ByteOrder.LITTLE_ENDIAN);
      ByteVector lo = q.and((byte) 0x0F).sub((byte) 8);
      ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F).sub((byte) 8);
      FloatVector sum = ((FloatVector) lo.convertShape(VectorOperators.B2F, F8, 0))
          .mul(FloatVector.fromArray(F8, x, xo + b));
      sum = ((FloatVector) lo.convertShape(VectorOperators.B2F, F8, 1))
          .fma(FloatVector.fromArray(F8, x, xo + b + 8), sum);
      sum = ((FloatVector) hi.convertShape(VectorOperators.B2F, F8, 0))
          .fma(FloatVector.fromArray(F8, x, xo + b + 16), sum);
      sum = ((FloatVector) hi.convertShape(VectorOperators.B2F, F8, 1))
          .fma(FloatVector.fromArray(F8, x, xo + b + 24), sum);
      acc = sum.fma(FloatVector.broadcast(F8, d), acc);
    }
    return Kernels.sumLanes(acc);
  }

  /** Widens row quants to floats ({@code q[n]}, exact small integers) and block scales ({@code d[n / 32]}). */
  static void unpack(GgmlType t, MemorySegment s, long off, float[] q, float[] d, int n) {
    for (int b = 0, blk = 0; b < n; b += 32, blk++) {
      d[blk] = Float.float16ToFloat(s.get(SHORT, off));
      if (t == GgmlType.Q8_0) {
        widen(s, off + 2).intoArray(q, b);
        widen(s, off + 10).intoArray(q, b + 8);
        widen(s, off + 18).intoArray(q, b + 16);
        widen(s, off + 26).intoArray(q, b + 24);
        off += 34;
      } else {
        ByteVector v = ByteVector.fromMemorySegment(B16, s, off + 2, ByteOrder.LITTLE_ENDIAN);
        ByteVector lo = v.and((byte) 0x0F).sub((byte) 8);
        ByteVector hi = v.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0F).sub((byte) 8);
        ((FloatVector) lo.convertShape(VectorOperators.B2F, F8, 0)).intoArray(q, b);
        ((FloatVector) lo.convertShape(VectorOperators.B2F, F8, 1)).intoArray(q, b + 8);
        ((FloatVector) hi.convertShape(VectorOperators.B2F, F8, 0)).intoArray(q, b + 16);
        ((FloatVector) hi.convertShape(VectorOperators.B2F, F8, 1)).intoArray(q, b + 24);
        off += 18;
      }
    }
  }

  /**
   * {@code out[outOff + k * outStride] = row . x[xo + k * n ..]} for {@code count} (1..4) consecutive tokens, on an
   * unpacked row; the same operation order as {@link #dotQ8_0}/{@link #dotQ4_0}.
   */
  static void dotUnpacked(float[] q, float[] d, float[] x, int xo, int n, int count, float[] out, int outOff,
      int outStride) {
    FloatVector a0 = FloatVector.zero(F8);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int x1 = xo + n;
    int x2 = xo + 2 * n;
    int x3 = xo + 3 * n;
    for (int b = 0, blk = 0; b < n; b += 32, blk++) {
      FloatVector q0 = FloatVector.fromArray(F8, q, b);
      FloatVector q1 = FloatVector.fromArray(F8, q, b + 8);
      FloatVector q2 = FloatVector.fromArray(F8, q, b + 16);
      FloatVector q3 = FloatVector.fromArray(F8, q, b + 24);
      FloatVector vd = FloatVector.broadcast(F8, d[blk]);
      a0 = block(q0, q1, q2, q3, x, xo + b).fma(vd, a0);
      if (count > 1) {
        a1 = block(q0, q1, q2, q3, x, x1 + b).fma(vd, a1);
      }
      if (count > 2) {
        a2 = block(q0, q1, q2, q3, x, x2 + b).fma(vd, a2);
      }
      if (count > 3) {
        a3 = block(q0, q1, q2, q3, x, x3 + b).fma(vd, a3);
      }
    }
    out[outOff] = Kernels.sumLanes(a0);
    if (count > 1) {
      out[outOff + outStride] = Kernels.sumLanes(a1);
    }
    if (count > 2) {
      out[outOff + 2 * outStride] = Kernels.sumLanes(a2);
    }
    if (count > 3) {
      out[outOff + 3 * outStride] = Kernels.sumLanes(a3);
    }
  }

  private static FloatVector block(FloatVector q0, FloatVector q1, FloatVector q2, FloatVector q3, float[] x,
      int xo) {
    FloatVector sum = q0.mul(FloatVector.fromArray(F8, x, xo));
    sum = q1.fma(FloatVector.fromArray(F8, x, xo + 8), sum);
    sum = q2.fma(FloatVector.fromArray(F8, x, xo + 16), sum);
    return q3.fma(FloatVector.fromArray(F8, x, xo + 24), sum);
  }
}
