package io.corpusforge.inference.cpu;

import io.corpusforge.inference.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dot products of one quantized weight row, read straight from the mapped file, with float activations: the block's
 * quants are widened to floats in vector registers and multiplied there, so the row is never written out. Used for
 * Q8_0 and Q4_0 (the types whose rows dominate the model size); others decode a row with {@link BlockCodec} first.
 *
 * <p>Each 32-value block contributes {@code d * sum(q * x)}, accumulated in 8 float lanes summed in a fixed order. When
 * several tokens meet the same row (prompt processing, batches) the row's quants are first widened once into a float
 * buffer ({@link #unpack}) and {@link #dotUnpacked} runs the very same operations on it for two tokens at a time, so a token's result is bit-identical whichever path served it: batching never changes the output.
 */
final class BlockDot {
  static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
  static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
  static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
  static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private BlockDot() {}

  static boolean fused(GgmlType t) {
    return t == GgmlType.Q8_0 || t == GgmlType.Q4_0;
  }

  static float dot(GgmlType t, MemorySegment s, long off, float[] x, int xo, int n) {
    return t == GgmlType.Q8_0 ? dotQ8_0(s, off, x, xo, n) : dotQ4_0(s, off, x, xo, n);
  }

  // Each block's sum is formed as (q0*x0 + q1*x1) + (q2*x2 + q3*x3) and blocks alternate between two accumulators:
  // short dependency chains, so a single row (decoding one token) is not bound by FMA latency. Every path below
  // spells out exactly these operations.

  static float dotQ8_0(MemorySegment s, long off, float[] x, int xo, int n) {
    // vector code stays in one method: a vector passed to a call that C2 does not inline gets boxed
    FloatVector even = FloatVector.zero(F8);
    FloatVector odd = even;
    int blocks = n / 32;
    for (int blk = 0; blk < blocks; blk++, off += 34) {
      int b = xo + 32 * blk;
      FloatVector q0 = (FloatVector) ByteVector.fromMemorySegment(B8, s, off + 2, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0);
      FloatVector q1 = (FloatVector) ByteVector.fromMemorySegment(B8, s, off + 10, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0);
      FloatVector q2 = (FloatVector) ByteVector.fromMemorySegment(B8, s, off + 18, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0);
      FloatVector q3 = (FloatVector) ByteVector.fromMemorySegment(B8, s, off + 26, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0);
      FloatVector lo = q1.fma(FloatVector.fromArray(F8, x, b + 8), q0.mul(FloatVector.fromArray(F8, x, b)));
      FloatVector hi = q3.fma(FloatVector.fromArray(F8, x, b + 24), q2.mul(FloatVector.fromArray(F8, x, b + 16)));
      FloatVector d = FloatVector.broadcast(F8, Float.float16ToFloat(s.get(SHORT, off)));
      if ((blk & 1) == 0) {
        even = lo.add(hi).fma(d, even);
      } else {
        odd = lo.add(hi).fma(d, odd);
      }
    }
    return Kernels.sumLanes(even.add(odd));
  }

  static float dotQ4_0(MemorySegment s, long off, float[] x, int xo, int n) {
    FloatVector even = FloatVector.zero(F8);
    FloatVector odd = even;
    int blocks = n / 32;
    for (int blk = 0; blk < blocks; blk++, off += 18) {
      int b = xo + 32 * blk;
      // widen the 16 packed bytes to ints first: nibble shifts on int lanes are single instructions on AVX2,
      // byte-lane shifts are not
      IntVector v0 = (IntVector) ByteVector.fromMemorySegment(B8, s, off + 2, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2I, I8, 0);
      IntVector v1 = (IntVector) ByteVector.fromMemorySegment(B8, s, off + 10, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2I, I8, 0);
      FloatVector q0 = (FloatVector) v0.and(0xF).sub(8).convert(VectorOperators.I2F, 0);
      FloatVector q1 = (FloatVector) v1.and(0xF).sub(8).convert(VectorOperators.I2F, 0);
      FloatVector q2 = (FloatVector) v0.lanewise(VectorOperators.ASHR, 4).and(0xF).sub(8)
          .convert(VectorOperators.I2F, 0);
      FloatVector q3 = (FloatVector) v1.lanewise(VectorOperators.ASHR, 4).and(0xF).sub(8)
          .convert(VectorOperators.I2F, 0);
      FloatVector lo = q1.fma(FloatVector.fromArray(F8, x, b + 8), q0.mul(FloatVector.fromArray(F8, x, b)));
      FloatVector hi = q3.fma(FloatVector.fromArray(F8, x, b + 24), q2.mul(FloatVector.fromArray(F8, x, b + 16)));
      FloatVector d = FloatVector.broadcast(F8, Float.float16ToFloat(s.get(SHORT, off)));
      if ((blk & 1) == 0) {
        even = lo.add(hi).fma(d, even);
      } else {
        odd = lo.add(hi).fma(d, odd);
      }
    }
    return Kernels.sumLanes(even.add(odd));
  }

  /** Widens row quants to floats ({@code q[n]}, exact small integers) and block scales ({@code d[n / 32]}). */
  static void unpack(GgmlType t, MemorySegment s, long off, float[] q, float[] d, int n) {
    for (int b = 0, blk = 0; b < n; b += 32, blk++) {
      d[blk] = Float.float16ToFloat(s.get(SHORT, off));
      if (t == GgmlType.Q8_0) {
        for (int k = 0; k < 32; k += 8) {
          ((FloatVector) ByteVector.fromMemorySegment(B8, s, off + 2 + k, ByteOrder.LITTLE_ENDIAN)
              .convertShape(VectorOperators.B2F, F8, 0)).intoArray(q, b + k);
        }
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
   * {@code out[outOff + k * outStride] = row . x[xo + k * n ..]} for {@code count} consecutive tokens, on an
   * unpacked row; the same operation order as {@link #dotQ8_0}/{@link #dotQ4_0}.
   */
  static void dotUnpacked(float[] q, float[] d, float[] x, int xo, int n, int count, float[] out, int outOff,
      int outStride) {
    for (int k = 0; k < count; k += 2) {
      if (count - k >= 2) {
        dotUnpacked2(q, d, x, xo + k * n, xo + (k + 1) * n, n, out, outOff + k * outStride,
            outOff + (k + 1) * outStride);
      } else {
        dotUnpacked2(q, d, x, xo + k * n, -1, n, out, outOff + k * outStride, -1);
      }
    }
  }

  /** One or two tokens ({@code xb < 0}: one) against an unpacked row, in {@link #dotQ8_0}'s operation order. */
  private static void dotUnpacked2(float[] q, float[] d, float[] x, int xa, int xb, int n, float[] out, int oa,
      int ob) {
    FloatVector evenA = FloatVector.zero(F8);
    FloatVector oddA = evenA;
    FloatVector evenB = evenA;
    FloatVector oddB = evenA;
    int blocks = n / 32;
    for (int blk = 0; blk < blocks; blk++) {
      int b = 32 * blk;
      FloatVector q0 = FloatVector.fromArray(F8, q, b);
      FloatVector q1 = FloatVector.fromArray(F8, q, b + 8);
      FloatVector q2 = FloatVector.fromArray(F8, q, b + 16);
      FloatVector q3 = FloatVector.fromArray(F8, q, b + 24);
      FloatVector vd = FloatVector.broadcast(F8, d[blk]);
      int a = xa + b;
      FloatVector sa = q1.fma(FloatVector.fromArray(F8, x, a + 8), q0.mul(FloatVector.fromArray(F8, x, a)))
          .add(q3.fma(FloatVector.fromArray(F8, x, a + 24), q2.mul(FloatVector.fromArray(F8, x, a + 16))));
      if ((blk & 1) == 0) {
        evenA = sa.fma(vd, evenA);
      } else {
        oddA = sa.fma(vd, oddA);
      }
      if (xb >= 0) {
        int c = xb + b;
        FloatVector sb = q1.fma(FloatVector.fromArray(F8, x, c + 8), q0.mul(FloatVector.fromArray(F8, x, c)))
            .add(q3.fma(FloatVector.fromArray(F8, x, c + 24), q2.mul(FloatVector.fromArray(F8, x, c + 16))));
        if ((blk & 1) == 0) {
          evenB = sb.fma(vd, evenB);
        } else {
          oddB = sb.fma(vd, oddB);
        }
      }
    }
    out[oa] = Kernels.sumLanes(evenA.add(oddA));
    if (xb >= 0) {
      out[ob] = Kernels.sumLanes(evenB.add(oddB));
    }
  }

}
