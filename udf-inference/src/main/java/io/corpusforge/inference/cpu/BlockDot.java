package io.corpusforge.inference.cpu;

import io.corpusforge.inference.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products of quantized weights with float activations: every block type is decoded with the Vector API
 * (bit-identical to {@link BlockCodec}, the reference), straight into the dot products for Q8_0, Q4_0, Q4_K, Q5_K and
 * Q6_K single tokens, into a row buffer otherwise.
 *
 * <p>Every (row, token) result is computed the same way: the row is dequantized to floats {@code w = d * q} (exact
 * in float32: an fp16 scale times a small integer), then {@code acc = fma(w[k..k+8], x[k..k+8], acc)} runs over the
 * 8-lane chunks in order from a zero accumulator, and the lanes are summed in a fixed order
 * ({@link Kernels#sumLanes}). One dependency chain per (row, token): the paths differ only in how many of these
 * independent chains they interleave, never in the operations of a chain, so a token's result is bit-identical
 * whichever path served it, whatever the batch size or its position in the batch: batching never changes the output.
 *
 * <ul>
 *   <li>one token (decoding one sequence): {@link #dotQ8_0Rows}/{@link #dotQ4_0Rows} read four rows straight from
 *       the mapped file, dequantizing in registers, and share each activation chunk between the rows (four
 *       independent chains, so the FMA latency is hidden);
 *   <li>several tokens (prompts, batches): two rows at a time are dequantized into a float buffer once
 *       ({@link #unpack}), then {@link #tile} runs a 2-row x 4-token register tile: each loaded weight vector feeds
 *       four FMAs and each activation vector two, and the FMAs do the whole work (the previous kernel spent a
 *       multiply, an add and a scale FMA per block besides).
 * </ul>
 *
 * <p>Vector code stays in one method per loop: a vector passed to a call that C2 does not inline gets boxed.
 */
final class BlockDot {
  static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
  static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
  static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
  static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /**
   * Whether the core has 32 vector registers (AVX-512 hosts, also for 256-bit vectors): they hold the 4 x 4 tile's 16
   * accumulators, 4 rows and an activation; with 16 (AVX2) that tile spills and the 2 x 4 one is faster (pp256 with
   * -XX:UseAVX=2: 30.6 tok/s against 48.2). A 512-bit preferred species is what tells them apart here.
   */
  static final boolean WIDE_TILES = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
  /** Rows per unpacked tile. */
  static final int TILE_ROWS = WIDE_TILES ? 4 : 2;
  /** Tokens per register tile. */
  static final int TILE_TOKENS = 4;
  /** Rows per single-token call. */
  static final int DOT_ROWS = 4;

  private BlockDot() {}

  /** Types whose single-token path reads the quants straight from the file (the others decode rows first). */
  static boolean fused(GgmlType t) {
    return t == GgmlType.Q8_0 || t == GgmlType.Q4_0;
  }

  /** Floats {@code rows} needs in its buffer for {@code n}-value rows. */
  static int bufferFloats(int n) {
    return laneScratch(n) + 4 * TILE_TOKENS * 8; // + the lane scratch: up to 4 x 4 accumulators of 8 lanes
  }

  /** Where the tiles' lane scratch starts in a {@link #rows} buffer: after the rows it holds. */
  private static int laneScratch(int n) {
    return Math.max(TILE_ROWS, DOT_ROWS) * n;
  }

  private static final ThreadLocal<float[][]> BUFFER = ThreadLocal.withInitial(() -> new float[1][0]);

  /** This thread's buffer for {@link #rows} on {@code n}-value rows (allocated once per thread and size). */
  static float[] buffer(int n) {
    float[][] holder = BUFFER.get();
    if (holder[0].length < bufferFloats(n)) {
      holder[0] = new float[bufferFloats(n)];
    }
    return holder[0];
  }

  /**
   * {@code out[t * outStride + r] = W[r] . x[t * n ..]} for rows {@code from..to} of a weight ({@code rowBytes} apart
   * in {@code s}) and {@code tokens} inputs. {@code buf} holds {@link #bufferFloats} floats. Types without a fused
   * single-token kernel are decoded to float rows ({@link #unpack}, the codec's values) and go through the same chains:
   * four decoded rows at a time for one token ({@link #dot4}), the register tiles for several.
   *
   * <p>Types with a block minimum (Q4_1, Q5_1: {@code w = d * q + m}) are dotted as llama.cpp forms them with Q8_1
   * activations, {@code d * (q . x) + m * s} with {@code s} the activations' stored block sum ({@code sums[t * n / 32
   * + block]}, required for these types, null otherwise): the chains run over {@code d * q} (exact in float) and
   * {@link #addMinimumTerms} adds {@code sum(m * s)} to each result afterwards, the same for every batch.
   */
  static void rows(GgmlType t, MemorySegment s, long rowBytes, int from, int to, float[] x, float[] sums, int n,
      int tokens, float[] out, int outStride, float[] buf) {
    boolean withMin = BlockCodec.hasMin(t);
    if (withMin && sums == null) {
      throw new IllegalArgumentException(t + " rows need the activations' Q8_1 block sums");
    }
    if (tokens == 1) {
      byte[] q6 = t == GgmlType.Q6_K ? Q6_K_VALUES.get() : null;
      // the rows interleaved in one call come from DOT_ROWS equal stretches of the range, not neighbours: each
      // stretch is then read front to back, a stream the hardware prefetcher follows (interleaving neighbouring
      // rows made out-of-cache rows 2x slower)
      int span = (to - from + DOT_ROWS - 1) / DOT_ROWS;
      for (int i = 0; i < span; i++) {
        int r0 = from + i;
        int r1 = from + 1 * span + i < to ? from + 1 * span + i : r0;
        int r2 = from + 2 * span + i < to ? from + 2 * span + i : r1;
        int r3 = from + 3 * span + i < to ? from + 3 * span + i : r2;
        if (t == GgmlType.Q8_0) {
          dotQ8_0Rows(s, r0 * rowBytes, r1 * rowBytes, r2 * rowBytes, r3 * rowBytes, x, 0, n, out,
              r0, r1 == r0 ? -1 : r1, r2 == r1 ? -1 : r2, r3 == r2 ? -1 : r3);
        } else if (t == GgmlType.Q4_K || t == GgmlType.Q5_K) {
          dotQ4_KQ5_KRows(t == GgmlType.Q5_K, s, r0 * rowBytes, r1 * rowBytes, r2 * rowBytes, r3 * rowBytes, x, n,
              out, r0, r1 == r0 ? -1 : r1, r2 == r1 ? -1 : r2, r3 == r2 ? -1 : r3);
        } else if (t == GgmlType.Q6_K) {
          dotQ6_KRows(s, r0 * rowBytes, r1 * rowBytes, r2 * rowBytes, r3 * rowBytes, x, n, out,
              r0, r1 == r0 ? -1 : r1, r2 == r1 ? -1 : r2, r3 == r2 ? -1 : r3, q6);
        } else if (!fused(t)) {
          unpackForDot(t, s, r0 * rowBytes, buf, 0, n);
          unpackForDot(t, s, r1 * rowBytes, buf, n, n);
          unpackForDot(t, s, r2 * rowBytes, buf, 2 * n, n);
          unpackForDot(t, s, r3 * rowBytes, buf, 3 * n, n);
          dot4(buf, x, n, out, r0, r1 == r0 ? -1 : r1, r2 == r1 ? -1 : r2, r3 == r2 ? -1 : r3);
        } else {
          dotQ4_0Rows(s, r0 * rowBytes, r1 * rowBytes, r2 * rowBytes, r3 * rowBytes, x, 0, n, out,
              r0, r1 == r0 ? -1 : r1, r2 == r1 ? -1 : r2, r3 == r2 ? -1 : r3);
        }
      }
      if (withMin) {
        addMinimumTerms(t, s, rowBytes, from, to, sums, n, 1, out, outStride, buf);
      }
      return;
    }
    if (tokens == 2 && t == GgmlType.Q4_0) {
      // two sequences (two tasks sharing the engine's steps): decoded in registers once for both tokens, as the
      // single-token kernel does; the row buffer and tiles below cost as much per token as two single steps
      int span = (to - from + 1) / 2;
      for (int i = 0; i < span; i++) {
        int r0 = from + i;
        int r1 = from + span + i < to ? from + span + i : r0;
        dotQ4_0Rows2(s, r0 * rowBytes, r1 * rowBytes, x, n, out, outStride, r0, r1 == r0 ? -1 : r1);
      }
      return;
    }
    // tokens in blocks whose activations stay in the core's L2 while every row passes over them: a long prompt's
    // activations (512 x 1024 floats = 2 MB) streamed from L3 once per row pair starved the tiles. A row pair is
    // unpacked again per block (a few % of the block's FMAs); each (row, token) chain is unchanged
    int block = Math.max(TILE_TOKENS, TOKEN_BLOCK_BYTES / (Float.BYTES * n) / TILE_TOKENS * TILE_TOKENS);
    for (int k0 = 0; k0 < tokens; k0 += block) {
      int k1 = Math.min(tokens, k0 + block);
      for (int r = from; r < to; r += TILE_ROWS) {
        int nr = Math.min(TILE_ROWS, to - r);
        for (int i = 0; i < nr; i++) {
          unpackForDot(t, s, (r + i) * rowBytes, buf, i * n, n);
        }
        for (int k = k0; k < k1; k += TILE_TOKENS) {
          if (WIDE_TILES) {
            tile(buf, nr, x, k, Math.min(TILE_TOKENS, k1 - k), n, out, r, outStride);
          } else {
            tile2(buf, nr, x, k, Math.min(TILE_TOKENS, k1 - k), n, out, r, outStride);
          }
        }
      }
    }
    if (withMin) {
      addMinimumTerms(t, s, rowBytes, from, to, sums, n, tokens, out, outStride, buf);
    }
  }

  /** A row as the chains take it: the codec's values, or for types with a minimum {@code d * q} alone. */
  private static void unpackForDot(GgmlType t, MemorySegment s, long off, float[] w, int wo, int n) {
    if (BlockCodec.hasMin(t)) {
      unpackWithMin(t, s, off, w, wo, n, false);
    } else {
      unpack(t, s, off, w, wo, n);
    }
  }

  /**
   * {@code out[t * outStride + r] += sum over blocks b of m_b * sums[t * n / 32 + b]} for a Q4_1/Q5_1 weight's rows
   * {@code from..to}, in a fixed order (8 lanes of blocks, then the blocks past the last multiple of 8); the row's
   * minimums are read once into {@code buf}. A scalar chain here cost a third of a single-token product.
   */
  static void addMinimumTerms(GgmlType t, MemorySegment s, long rowBytes, int from, int to, float[] sums, int n,
      int tokens, float[] out, int outStride, float[] buf) {
    int blocks = n / 32;
    int vectorBlocks = blocks - blocks % 8;
    for (int r = from; r < to; r++) {
      long off = r * rowBytes + 2;
      for (int b = 0; b < blocks; b++, off += t.blockBytes) {
        buf[b] = Float.float16ToFloat(s.get(SHORT, off));
      }
      for (int k = 0, so = 0; k < tokens; k++, so += blocks) {
        FloatVector acc = FloatVector.zero(F8);
        for (int b = 0; b < vectorBlocks; b += 8) {
          acc = FloatVector.fromArray(F8, buf, b).fma(FloatVector.fromArray(F8, sums, so + b), acc);
        }
        float m = Kernels.sumLanes(acc);
        for (int b = vectorBlocks; b < blocks; b++) {
          m += buf[b] * sums[so + b];
        }
        out[k * outStride + r] += m;
      }
    }
  }

  /** Bytes of activations per token block (half of a 512 KB L2). */
  static final int TOKEN_BLOCK_BYTES = 256 * 1024;

  /** One row and one token: the chain every path computes for it. */
  static float dot(GgmlType t, MemorySegment s, long off, float[] x, int xo, int n) {
    float[] out = new float[1];
    if (BlockCodec.hasMin(t)) {
      throw new IllegalArgumentException(t + " is dotted with block sums: use rows");
    }
    if (!fused(t)) {
      float[] w = new float[4 * n];
      unpack(t, s, off, w, 0, n);
      dot4(w, java.util.Arrays.copyOfRange(x, xo, xo + n), n, out, 0, -1, -1, -1);
    } else if (t == GgmlType.Q8_0) {
      dotQ8_0Rows(s, off, off, off, off, x, xo, n, out, 0, -1, -1, -1);
    } else {
      dotQ4_0Rows(s, off, off, off, off, x, xo, n, out, 0, -1, -1, -1);
    }
    return out[0];
  }

  /**
   * {@code out[i_k] = row_k . x[xo ..]} for the 4 Q8_0 rows at offsets {@code o_k}; a row with {@code i_k < 0} is
   * computed but not written (a repeat of another, when fewer rows are left).
   */
  static void dotQ8_0Rows(MemorySegment s, long o0, long o1, long o2, long o3, float[] x, int xo, int n, float[] out,
      int i0, int i1, int i2, int i3) {
    FloatVector a0 = FloatVector.zero(F8);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int blocks = n / 32;
    for (int blk = 0; blk < blocks; blk++, o0 += 34, o1 += 34, o2 += 34, o3 += 34) {
      int b = xo + 32 * blk;
      FloatVector x0 = FloatVector.fromArray(F8, x, b);
      FloatVector x1 = FloatVector.fromArray(F8, x, b + 8);
      FloatVector x2 = FloatVector.fromArray(F8, x, b + 16);
      FloatVector x3 = FloatVector.fromArray(F8, x, b + 24);
      float d0 = Float.float16ToFloat(s.get(SHORT, o0));
      a0 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o0 + 2, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d0).fma(x0, a0);
      a0 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o0 + 10, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d0).fma(x1, a0);
      a0 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o0 + 18, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d0).fma(x2, a0);
      a0 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o0 + 26, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d0).fma(x3, a0);
      float d1 = Float.float16ToFloat(s.get(SHORT, o1));
      a1 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o1 + 2, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d1).fma(x0, a1);
      a1 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o1 + 10, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d1).fma(x1, a1);
      a1 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o1 + 18, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d1).fma(x2, a1);
      a1 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o1 + 26, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d1).fma(x3, a1);
      float d2 = Float.float16ToFloat(s.get(SHORT, o2));
      a2 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o2 + 2, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d2).fma(x0, a2);
      a2 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o2 + 10, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d2).fma(x1, a2);
      a2 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o2 + 18, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d2).fma(x2, a2);
      a2 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o2 + 26, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d2).fma(x3, a2);
      float d3 = Float.float16ToFloat(s.get(SHORT, o3));
      a3 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o3 + 2, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d3).fma(x0, a3);
      a3 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o3 + 10, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d3).fma(x1, a3);
      a3 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o3 + 18, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d3).fma(x2, a3);
      a3 = ((FloatVector) ByteVector.fromMemorySegment(B8, s, o3 + 26, ByteOrder.LITTLE_ENDIAN)
          .convertShape(VectorOperators.B2F, F8, 0)).mul(d3).fma(x3, a3);
    }
    if (i0 >= 0) {
      out[i0] = Kernels.sumLanes(a0);
    }
    if (i1 >= 0) {
      out[i1] = Kernels.sumLanes(a1);
    }
    if (i2 >= 0) {
      out[i2] = Kernels.sumLanes(a2);
    }
    if (i3 >= 0) {
      out[i3] = Kernels.sumLanes(a3);
    }
  }

  /** As {@link #dotQ8_0Rows} for Q4_0 rows. */
  static void dotQ4_0Rows(MemorySegment s, long o0, long o1, long o2, long o3, float[] x, int xo, int n, float[] out,
      int i0, int i1, int i2, int i3) {
    FloatVector a0 = FloatVector.zero(F8);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int blocks = n / 32;
    for (int blk = 0; blk < blocks; blk++, o0 += 18, o1 += 18, o2 += 18, o3 += 18) {
      int b = xo + 32 * blk;
      FloatVector x0 = FloatVector.fromArray(F8, x, b);
      FloatVector x1 = FloatVector.fromArray(F8, x, b + 8);
      FloatVector x2 = FloatVector.fromArray(F8, x, b + 16);
      FloatVector x3 = FloatVector.fromArray(F8, x, b + 24);
      // 16 packed bytes: low nibbles are values 0..15, high nibbles 16..31. Bytes are widened to int lanes first:
      // nibble shifts on int lanes are single instructions on AVX2, byte-lane shifts are not. w = nibble * d - 8d
      // in one fma is exactly d * (nibble - 8) (representable, so the fma does not round): the same w as unpack
      {
        float d = Float.float16ToFloat(s.get(SHORT, o0));
        FloatVector vd = FloatVector.broadcast(F8, d);
        FloatVector m8d = FloatVector.broadcast(F8, -8 * d);
        IntVector p = (IntVector) ByteVector.fromMemorySegment(B8, s, o0 + 2, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, o0 + 10, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        a0 = ((FloatVector) p.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d).fma(x0, a0);
        a0 = ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d).fma(x1, a0);
        a0 = ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d)
            .fma(x2, a0);
        a0 = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d)
            .fma(x3, a0);
      }
      {
        float d = Float.float16ToFloat(s.get(SHORT, o1));
        FloatVector vd = FloatVector.broadcast(F8, d);
        FloatVector m8d = FloatVector.broadcast(F8, -8 * d);
        IntVector p = (IntVector) ByteVector.fromMemorySegment(B8, s, o1 + 2, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, o1 + 10, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        a1 = ((FloatVector) p.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d).fma(x0, a1);
        a1 = ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d).fma(x1, a1);
        a1 = ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d)
            .fma(x2, a1);
        a1 = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d)
            .fma(x3, a1);
      }
      {
        float d = Float.float16ToFloat(s.get(SHORT, o2));
        FloatVector vd = FloatVector.broadcast(F8, d);
        FloatVector m8d = FloatVector.broadcast(F8, -8 * d);
        IntVector p = (IntVector) ByteVector.fromMemorySegment(B8, s, o2 + 2, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, o2 + 10, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        a2 = ((FloatVector) p.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d).fma(x0, a2);
        a2 = ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d).fma(x1, a2);
        a2 = ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d)
            .fma(x2, a2);
        a2 = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d)
            .fma(x3, a2);
      }
      {
        float d = Float.float16ToFloat(s.get(SHORT, o3));
        FloatVector vd = FloatVector.broadcast(F8, d);
        FloatVector m8d = FloatVector.broadcast(F8, -8 * d);
        IntVector p = (IntVector) ByteVector.fromMemorySegment(B8, s, o3 + 2, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, o3 + 10, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        a3 = ((FloatVector) p.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d).fma(x0, a3);
        a3 = ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d).fma(x1, a3);
        a3 = ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d)
            .fma(x2, a3);
        a3 = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d)
            .fma(x3, a3);
      }
    }
    if (i0 >= 0) {
      out[i0] = Kernels.sumLanes(a0);
    }
    if (i1 >= 0) {
      out[i1] = Kernels.sumLanes(a1);
    }
    if (i2 >= 0) {
      out[i2] = Kernels.sumLanes(a2);
    }
    if (i3 >= 0) {
      out[i3] = Kernels.sumLanes(a3);
    }
  }

  /**
   * Two Q4_0 rows (offsets {@code o0}, {@code o1}) times two tokens ({@code x[0 ..]} and {@code x[n ..]}):
   * {@code out[t * outStride + i_k]}, a row with {@code i_k < 0} not written. Every (row, token) chain is
   * {@link #dotQ4_0Rows}'s — the same w, the same fma order — so results equal one token at a time bit for bit.
   */
  static void dotQ4_0Rows2(MemorySegment s, long o0, long o1, float[] x, int n, float[] out, int outStride,
      int i0, int i1) {
    FloatVector a00 = FloatVector.zero(F8);
    FloatVector a01 = a00;
    FloatVector a10 = a00;
    FloatVector a11 = a00;
    int blocks = n / 32;
    for (int blk = 0; blk < blocks; blk++, o0 += 18, o1 += 18) {
      int b = 32 * blk;
      int c = n + b;
      FloatVector xa0 = FloatVector.fromArray(F8, x, b);
      FloatVector xa1 = FloatVector.fromArray(F8, x, b + 8);
      FloatVector xa2 = FloatVector.fromArray(F8, x, b + 16);
      FloatVector xa3 = FloatVector.fromArray(F8, x, b + 24);
      FloatVector xb0 = FloatVector.fromArray(F8, x, c);
      FloatVector xb1 = FloatVector.fromArray(F8, x, c + 8);
      FloatVector xb2 = FloatVector.fromArray(F8, x, c + 16);
      FloatVector xb3 = FloatVector.fromArray(F8, x, c + 24);
      {
        float d = Float.float16ToFloat(s.get(SHORT, o0));
        FloatVector vd = FloatVector.broadcast(F8, d);
        FloatVector m8d = FloatVector.broadcast(F8, -8 * d);
        IntVector p = (IntVector) ByteVector.fromMemorySegment(B8, s, o0 + 2, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, o0 + 10, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        FloatVector w = ((FloatVector) p.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d);
        a00 = w.fma(xa0, a00);
        a01 = w.fma(xb0, a01);
        w = ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d);
        a00 = w.fma(xa1, a00);
        a01 = w.fma(xb1, a01);
        w = ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d);
        a00 = w.fma(xa2, a00);
        a01 = w.fma(xb2, a01);
        w = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d);
        a00 = w.fma(xa3, a00);
        a01 = w.fma(xb3, a01);
      }
      {
        float d = Float.float16ToFloat(s.get(SHORT, o1));
        FloatVector vd = FloatVector.broadcast(F8, d);
        FloatVector m8d = FloatVector.broadcast(F8, -8 * d);
        IntVector p = (IntVector) ByteVector.fromMemorySegment(B8, s, o1 + 2, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, o1 + 10, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        FloatVector w = ((FloatVector) p.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d);
        a10 = w.fma(xa0, a10);
        a11 = w.fma(xb0, a11);
        w = ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).fma(vd, m8d);
        a10 = w.fma(xa1, a10);
        a11 = w.fma(xb1, a11);
        w = ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d);
        a10 = w.fma(xa2, a10);
        a11 = w.fma(xb2, a11);
        w = ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).fma(vd, m8d);
        a10 = w.fma(xa3, a10);
        a11 = w.fma(xb3, a11);
      }
    }
    if (i0 >= 0) {
      out[i0] = Kernels.sumLanes(a00);
      out[outStride + i0] = Kernels.sumLanes(a01);
    }
    if (i1 >= 0) {
      out[i1] = Kernels.sumLanes(a10);
      out[outStride + i1] = Kernels.sumLanes(a11);
    }
  }

  /**
   * {@code out[i_k] = w[k * n ..] . x[0 ..]} for the four decoded rows in {@code w}, a row with {@code i_k < 0} not
   * written: per row the chain of {@link #tile}, four chains sharing each activation load.
   */
  static void dot4(float[] w, float[] x, int n, float[] out, int i0, int i1, int i2, int i3) {
    FloatVector a0 = FloatVector.zero(F8);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int k = 0; k < n; k += 8) {
      FloatVector v = FloatVector.fromArray(F8, x, k);
      a0 = FloatVector.fromArray(F8, w, k).fma(v, a0);
      a1 = FloatVector.fromArray(F8, w, n + k).fma(v, a1);
      a2 = FloatVector.fromArray(F8, w, 2 * n + k).fma(v, a2);
      a3 = FloatVector.fromArray(F8, w, 3 * n + k).fma(v, a3);
    }
    if (i0 >= 0) {
      out[i0] = Kernels.sumLanes(a0);
    }
    if (i1 >= 0) {
      out[i1] = Kernels.sumLanes(a1);
    }
    if (i2 >= 0) {
      out[i2] = Kernels.sumLanes(a2);
    }
    if (i3 >= 0) {
      out[i3] = Kernels.sumLanes(a3);
    }
  }

  static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
  static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;

  /**
   * Prototype (measured in docs/benchmarks.md, not used by the engine): the integer Q8_0 x Q8_0 dot of four rows
   * with one token quantized to Q8_0 ({@code xq} int8 values, {@code xd} fp16-rounded block scales), as llama.cpp
   * forms it: per block an exact integer sum, then {@code acc += (d_w * d_x) * sum} in float. The Vector API has no
   * {@code vpmaddubsw}: bytes are widened to shorts, multiplied (|q| &lt;= 127, so a product and the sum of two fit a
   * short), and the pair sums widened to ints.
   */
  static void dotQ8Q8Rows(MemorySegment s, long o0, long o1, long o2, long o3, byte[] xq, float[] xd, int n,
      float[] out, int i0, int i1, int i2, int i3) {
    FloatVector a0 = FloatVector.zero(F8);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int blocks = n / 32;
    for (int blk = 0; blk < blocks; blk++, o0 += 34, o1 += 34, o2 += 34, o3 += 34) {
      ByteVector xb = ByteVector.fromArray(B32, xq, 32 * blk);
      ShortVector x0 = (ShortVector) xb.convertShape(VectorOperators.B2S, S16, 0);
      ShortVector x1 = (ShortVector) xb.convertShape(VectorOperators.B2S, S16, 1);
      float dx = xd[blk];
      ByteVector w = ByteVector.fromMemorySegment(B32, s, o0 + 2, ByteOrder.LITTLE_ENDIAN);
      ShortVector p = ((ShortVector) w.convertShape(VectorOperators.B2S, S16, 0)).mul(x0)
          .add(((ShortVector) w.convertShape(VectorOperators.B2S, S16, 1)).mul(x1));
      IntVector q = ((IntVector) p.convertShape(VectorOperators.S2I, I8, 0))
          .add((IntVector) p.convertShape(VectorOperators.S2I, I8, 1));
      a0 = ((FloatVector) q.convert(VectorOperators.I2F, 0))
          .fma(FloatVector.broadcast(F8, Float.float16ToFloat(s.get(SHORT, o0)) * dx), a0);
      w = ByteVector.fromMemorySegment(B32, s, o1 + 2, ByteOrder.LITTLE_ENDIAN);
      p = ((ShortVector) w.convertShape(VectorOperators.B2S, S16, 0)).mul(x0)
          .add(((ShortVector) w.convertShape(VectorOperators.B2S, S16, 1)).mul(x1));
      q = ((IntVector) p.convertShape(VectorOperators.S2I, I8, 0))
          .add((IntVector) p.convertShape(VectorOperators.S2I, I8, 1));
      a1 = ((FloatVector) q.convert(VectorOperators.I2F, 0))
          .fma(FloatVector.broadcast(F8, Float.float16ToFloat(s.get(SHORT, o1)) * dx), a1);
      w = ByteVector.fromMemorySegment(B32, s, o2 + 2, ByteOrder.LITTLE_ENDIAN);
      p = ((ShortVector) w.convertShape(VectorOperators.B2S, S16, 0)).mul(x0)
          .add(((ShortVector) w.convertShape(VectorOperators.B2S, S16, 1)).mul(x1));
      q = ((IntVector) p.convertShape(VectorOperators.S2I, I8, 0))
          .add((IntVector) p.convertShape(VectorOperators.S2I, I8, 1));
      a2 = ((FloatVector) q.convert(VectorOperators.I2F, 0))
          .fma(FloatVector.broadcast(F8, Float.float16ToFloat(s.get(SHORT, o2)) * dx), a2);
      w = ByteVector.fromMemorySegment(B32, s, o3 + 2, ByteOrder.LITTLE_ENDIAN);
      p = ((ShortVector) w.convertShape(VectorOperators.B2S, S16, 0)).mul(x0)
          .add(((ShortVector) w.convertShape(VectorOperators.B2S, S16, 1)).mul(x1));
      q = ((IntVector) p.convertShape(VectorOperators.S2I, I8, 0))
          .add((IntVector) p.convertShape(VectorOperators.S2I, I8, 1));
      a3 = ((FloatVector) q.convert(VectorOperators.I2F, 0))
          .fma(FloatVector.broadcast(F8, Float.float16ToFloat(s.get(SHORT, o3)) * dx), a3);
    }
    if (i0 >= 0) {
      out[i0] = Kernels.sumLanes(a0);
    }
    if (i1 >= 0) {
      out[i1] = Kernels.sumLanes(a1);
    }
    if (i2 >= 0) {
      out[i2] = Kernels.sumLanes(a2);
    }
    if (i3 >= 0) {
      out[i3] = Kernels.sumLanes(a3);
    }
  }

  /** Quantizes {@code n} activations to Q8_0 as llama.cpp does: int8 values and fp16-rounded block scales. */
  static void quantizeQ8_0(float[] x, int xo, int n, byte[] q, float[] d) {
    for (int b = 0; b < n; b += 32) {
      float amax = 0;
      for (int j = 0; j < 32; j++) {
        amax = Math.max(amax, Math.abs(x[xo + b + j]));
      }
      float id = amax != 0 ? 127f / amax : 0f;
      d[b / 32] = Float.float16ToFloat(Float.floatToFloat16(amax / 127f));
      for (int j = 0; j < 32; j++) {
        q[b + j] = (byte) Math.rint(x[xo + b + j] * id);
      }
    }
  }

  /**
   * Dequantizes one row to floats, bit-identical to {@link BlockCodec#dequantize}: the quantized types with the
   * Vector API (Q8_0/Q4_0 here, {@code w[wo + i] = d * q}, exact: an fp16 scale times a small integer; the others in
   * their own methods), F32/F16/BF16 through the codec.
   */
  static void unpack(GgmlType t, MemorySegment s, long off, float[] w, int wo, int n) {
    switch (t) {
      case Q4_K -> {
        unpackQ4_K(s, off, w, wo, n);
        return;
      }
      case Q5_K -> {
        unpackQ5_K(s, off, w, wo, n);
        return;
      }
      case Q6_K -> {
        unpackQ6_K(s, off, w, wo, n);
        return;
      }
      case Q5_0 -> {
        unpackQ5_0(s, off, w, wo, n);
        return;
      }
      case Q4_1, Q5_1 -> {
        unpackWithMin(t, s, off, w, wo, n, true);
        return;
      }
      default -> { }
    }
    if (!fused(t)) {
      BlockCodec.dequantize(t, s, off, w, wo, n);
      return;
    }
    for (int b = wo, end = wo + n; b < end; b += 32) {
      FloatVector d = FloatVector.broadcast(F8, Float.float16ToFloat(s.get(SHORT, off)));
      if (t == GgmlType.Q8_0) {
        for (int k = 0; k < 32; k += 8) {
          ((FloatVector) ByteVector.fromMemorySegment(B8, s, off + 2 + k, ByteOrder.LITTLE_ENDIAN)
              .convertShape(VectorOperators.B2F, F8, 0)).mul(d).intoArray(w, b + k);
        }
        off += 34;
      } else {
        // bytes widened to int lanes as dotQ4_0Rows does (nibble shifts on int lanes are single AVX2 instructions,
        // on byte lanes they are not); (nibble - 8) * d as the codec forms it, signed zeros and all
        IntVector p = (IntVector) ByteVector.fromMemorySegment(B8, s, off + 2, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, off + 10, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        ((FloatVector) p.and(0xF).sub(8).convert(VectorOperators.I2F, 0)).mul(d).intoArray(w, b);
        ((FloatVector) q.and(0xF).sub(8).convert(VectorOperators.I2F, 0)).mul(d).intoArray(w, b + 8);
        ((FloatVector) p.lanewise(VectorOperators.LSHR, 4).sub(8).convert(VectorOperators.I2F, 0)).mul(d)
            .intoArray(w, b + 16);
        ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).sub(8).convert(VectorOperators.I2F, 0)).mul(d)
            .intoArray(w, b + 24);
        off += 18;
      }
    }
  }

  /**
   * {@code out[i_k] = row_k . x} for four Q4_K rows, or Q5_K rows when {@code q5}, decoding in registers exactly the
   * floats {@link #unpackQ4_K} / {@link #unpackQ5_K} write and running {@link #dot4}'s chain over them (so results
   * equal the decoded-row paths bit for bit). The two layouts differ only in Q5_K's 32 bytes of fifth bits.
   */
  static void dotQ4_KQ5_KRows(boolean q5, MemorySegment s, long o0, long o1, long o2, long o3, float[] x, int n,
      float[] out, int i0, int i1, int i2, int i3) {
    FloatVector a0 = FloatVector.zero(F8);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    int blockBytes = q5 ? 176 : 144;
    int qsAt = q5 ? 48 : 16;
    for (int y = 0; y < n; y += 256, o0 += blockBytes, o1 += blockBytes, o2 += blockBytes, o3 += blockBytes) {
      for (int g = 0; g < 4; g++) {
        int xo = y + 64 * g;
        for (int row = 0; row < 4; row++) {
          long o = row == 0 ? o0 : row == 1 ? o1 : row == 2 ? o2 : o3;
          float d = Float.float16ToFloat(s.get(SHORT, o));
          float dmin = Float.float16ToFloat(s.get(SHORT, o + 2));
          long scLo = s.get(LONG, o + 4); // the 12 scale bytes
          int scHi = s.get(INT, o + 12);
          FloatVector d1 = FloatVector.broadcast(F8, d * scaleK4(scLo, scHi, 2 * g, false));
          FloatVector m1 = FloatVector.broadcast(F8, -(dmin * scaleK4(scLo, scHi, 2 * g, true)));
          FloatVector d2 = FloatVector.broadcast(F8, d * scaleK4(scLo, scHi, 2 * g + 1, false));
          FloatVector m2 = FloatVector.broadcast(F8, -(dmin * scaleK4(scLo, scHi, 2 * g + 1, true)));
          long qs = o + qsAt + 32 * g;
          IntVector q0 = (IntVector) ByteVector.fromMemorySegment(B8, s, qs, ByteOrder.LITTLE_ENDIAN)
              .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
          IntVector q1 = (IntVector) ByteVector.fromMemorySegment(B8, s, qs + 8, ByteOrder.LITTLE_ENDIAN)
              .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
          IntVector q2 = (IntVector) ByteVector.fromMemorySegment(B8, s, qs + 16, ByteOrder.LITTLE_ENDIAN)
              .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
          IntVector q3 = (IntVector) ByteVector.fromMemorySegment(B8, s, qs + 24, ByteOrder.LITTLE_ENDIAN)
              .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
          IntVector l0 = q0.and(0xF);
          IntVector l1 = q1.and(0xF);
          IntVector l2 = q2.and(0xF);
          IntVector l3 = q3.and(0xF);
          IntVector h0 = q0.lanewise(VectorOperators.LSHR, 4);
          IntVector h1 = q1.lanewise(VectorOperators.LSHR, 4);
          IntVector h2 = q2.lanewise(VectorOperators.LSHR, 4);
          IntVector h3 = q3.lanewise(VectorOperators.LSHR, 4);
          if (q5) {
            // bit 2g of qh[l] is value l's fifth bit (16), bit 2g + 1 that of value 32 + l
            int sl = 4 - 2 * g; // moves bit 2g to bit 4 (a right shift by 2 for g = 3)
            for (int k = 0; k < 4; k++) {
              IntVector b = (IntVector) ByteVector.fromMemorySegment(B8, s, o + 16 + 8 * k, ByteOrder.LITTLE_ENDIAN)
                  .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
              IntVector lb = (sl >= 0 ? b.lanewise(VectorOperators.LSHL, sl) : b.lanewise(VectorOperators.LSHR, -sl))
                  .and(0x10);
              IntVector hb = (sl >= 1 ? b.lanewise(VectorOperators.LSHL, sl - 1)
                  : b.lanewise(VectorOperators.LSHR, 1 - sl)).and(0x10);
              if (k == 0) {
                l0 = l0.or(lb);
                h0 = h0.or(hb);
              } else if (k == 1) {
                l1 = l1.or(lb);
                h1 = h1.or(hb);
              } else if (k == 2) {
                l2 = l2.or(lb);
                h2 = h2.or(hb);
              } else {
                l3 = l3.or(lb);
                h3 = h3.or(hb);
              }
            }
          }
          FloatVector a = row == 0 ? a0 : row == 1 ? a1 : row == 2 ? a2 : a3;
          // q * (d * sc) - dmin * m as one fma: the product is exact in float (an fp16 scale's 11 significant bits
          // times a 6-bit scale times a 4- or 5-bit value: at most 22 bits), so the fma rounds once, where the
          // decoder's mul-then-sub rounds only the subtraction too: the same float
          a = ((FloatVector) l0.convert(VectorOperators.I2F, 0)).fma(d1, m1)
              .fma(FloatVector.fromArray(F8, x, xo), a);
          a = ((FloatVector) l1.convert(VectorOperators.I2F, 0)).fma(d1, m1)
              .fma(FloatVector.fromArray(F8, x, xo + 8), a);
          a = ((FloatVector) l2.convert(VectorOperators.I2F, 0)).fma(d1, m1)
              .fma(FloatVector.fromArray(F8, x, xo + 16), a);
          a = ((FloatVector) l3.convert(VectorOperators.I2F, 0)).fma(d1, m1)
              .fma(FloatVector.fromArray(F8, x, xo + 24), a);
          a = ((FloatVector) h0.convert(VectorOperators.I2F, 0)).fma(d2, m2)
              .fma(FloatVector.fromArray(F8, x, xo + 32), a);
          a = ((FloatVector) h1.convert(VectorOperators.I2F, 0)).fma(d2, m2)
              .fma(FloatVector.fromArray(F8, x, xo + 40), a);
          a = ((FloatVector) h2.convert(VectorOperators.I2F, 0)).fma(d2, m2)
              .fma(FloatVector.fromArray(F8, x, xo + 48), a);
          a = ((FloatVector) h3.convert(VectorOperators.I2F, 0)).fma(d2, m2)
              .fma(FloatVector.fromArray(F8, x, xo + 56), a);
          if (row == 0) {
            a0 = a;
          } else if (row == 1) {
            a1 = a;
          } else if (row == 2) {
            a2 = a;
          } else {
            a3 = a;
          }
        }
      }
    }
    if (i0 >= 0) {
      out[i0] = Kernels.sumLanes(a0);
    }
    if (i1 >= 0) {
      out[i1] = Kernels.sumLanes(a1);
    }
    if (i2 >= 0) {
      out[i2] = Kernels.sumLanes(a2);
    }
    if (i3 >= 0) {
      out[i3] = Kernels.sumLanes(a3);
    }
  }

  /**
   * {@code out[i_k] = row_k . x} for four Q6_K rows, decoding exactly the floats {@link #unpackQ6_K} writes, in
   * {@link #dot4}'s order (bit-identical to the decoded-row paths): per 128-value half of a super-block the 6-bit
   * values are assembled 32 at a time ({@link #decodeQ6_KHalf}) into {@code q}, then each 8 of them is converted,
   * scaled and accumulated.
   */
  static void dotQ6_KRows(MemorySegment s, long o0, long o1, long o2, long o3, float[] x, int n, float[] out,
      int i0, int i1, int i2, int i3, byte[] q) {
    FloatVector a0 = FloatVector.zero(F8);
    FloatVector a1 = a0;
    FloatVector a2 = a0;
    FloatVector a3 = a0;
    for (int y0 = 0, blk = 0; y0 < n; y0 += 256, blk++) {
      for (int row = 0; row < 4; row++) {
        long o = (row == 0 ? o0 : row == 1 ? o1 : row == 2 ? o2 : o3) + 210L * blk;
        float d = Float.float16ToFloat(s.get(SHORT, o + 208));
        FloatVector a = row == 0 ? a0 : row == 1 ? a1 : row == 2 ? a2 : a3;
        for (int half = 0; half < 2; half++) {
          decodeQ6_KHalf(s, o + 64 * half, o + 128 + 32 * half, q);
          long sc = o + 192 + 8 * half;
          int y = y0 + 128 * half;
          for (int c = 0; c < 128; c += 8) {
            a = ((FloatVector) ByteVector.fromArray(B8, q, c).convertShape(VectorOperators.B2I, I8, 0)
                .convert(VectorOperators.I2F, 0))
                .mul(d * s.get(ValueLayout.JAVA_BYTE, sc + c / 16))
                .fma(FloatVector.fromArray(F8, x, y + c), a);
          }
        }
        if (row == 0) {
          a0 = a;
        } else if (row == 1) {
          a1 = a;
        } else if (row == 2) {
          a2 = a;
        } else {
          a3 = a;
        }
      }
    }
    if (i0 >= 0) {
      out[i0] = Kernels.sumLanes(a0);
    }
    if (i1 >= 0) {
      out[i1] = Kernels.sumLanes(a1);
    }
    if (i2 >= 0) {
      out[i2] = Kernels.sumLanes(a2);
    }
    if (i3 >= 0) {
      out[i3] = Kernels.sumLanes(a3);
    }
  }

  /**
   * The 128 signed 6-bit values ({@code q - 32}) of one half of a Q6_K super-block, in order, into {@code q[0..128)}:
   * 64 low-nibble bytes at {@code ql} (values 0-31 and 64-95 in the low and high nibbles of the first 32 bytes, 32-63
   * and 96-127 in those of the next 32) and 32 bytes of 2-bit high parts at {@code qh} (bits 0-1, 2-3, 4-5, 6-7 for
   * values 0-31, 32-63, 64-95, 96-127). 32 values per vector: the nibbles and bit pairs are cut out on 16-bit lanes
   * (AVX2 shifts 16-bit lanes in one instruction, 8-bit lanes not at all), masked per byte so no bit crosses into
   * the neighbouring byte; the previous 8-values-at-a-time decode spent twice the instructions per value.
   */
  private static void decodeQ6_KHalf(MemorySegment s, long ql, long qh, byte[] q) {
    ShortVector lo = ByteVector.fromMemorySegment(B32, s, ql, ByteOrder.LITTLE_ENDIAN).reinterpretAsShorts();
    ShortVector hi = ByteVector.fromMemorySegment(B32, s, ql + 32, ByteOrder.LITTLE_ENDIAN).reinterpretAsShorts();
    ShortVector h = ByteVector.fromMemorySegment(B32, s, qh, ByteOrder.LITTLE_ENDIAN).reinterpretAsShorts();
    short nib = 0x0F0F;
    short two = 0x0303;
    lo.and(nib).or(h.and(two).lanewise(VectorOperators.LSHL, 4))
        .reinterpretAsBytes().sub((byte) 32).intoArray(q, 0);
    hi.and(nib).or(h.lanewise(VectorOperators.LSHR, 2).and(two).lanewise(VectorOperators.LSHL, 4))
        .reinterpretAsBytes().sub((byte) 32).intoArray(q, 32);
    lo.lanewise(VectorOperators.LSHR, 4).and(nib)
        .or(h.lanewise(VectorOperators.LSHR, 4).and(two).lanewise(VectorOperators.LSHL, 4))
        .reinterpretAsBytes().sub((byte) 32).intoArray(q, 64);
    hi.lanewise(VectorOperators.LSHR, 4).and(nib)
        .or(h.lanewise(VectorOperators.LSHR, 6).and(two).lanewise(VectorOperators.LSHL, 4))
        .reinterpretAsBytes().sub((byte) 32).intoArray(q, 96);
  }

  /**
   * A Q4_K row to floats, the values {@link BlockCodec#dequantize} gives ({@code (d * sc) * q - dmin * m}, the same
   * float operations), eight at a time: per 256-value super-block, four 64-value groups whose 32 bytes hold the
   * first 32 values in the low nibbles and the next 32 in the high ones.
   */
  static void unpackQ4_K(MemorySegment s, long off, float[] w, int wo, int n) {
    for (int y = wo, end = wo + n; y < end; y += 256, off += 144) {
      float d = Float.float16ToFloat(s.get(SHORT, off));
      float dmin = Float.float16ToFloat(s.get(SHORT, off + 2));
      long scLo = s.get(LONG, off + 4); // the 12 scale bytes
      int scHi = s.get(INT, off + 12);
      long qs = off + 16;
      for (int g = 0; g < 4; g++, qs += 32) {
        int is = 2 * g;
        FloatVector d1 = FloatVector.broadcast(F8, d * scaleK4(scLo, scHi, is, false));
        FloatVector m1 = FloatVector.broadcast(F8, dmin * scaleK4(scLo, scHi, is, true));
        FloatVector d2 = FloatVector.broadcast(F8, d * scaleK4(scLo, scHi, is + 1, false));
        FloatVector m2 = FloatVector.broadcast(F8, dmin * scaleK4(scLo, scHi, is + 1, true));
        int o = y + 64 * g;
        for (int k = 0; k < 32; k += 8) {
          IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, qs + k, ByteOrder.LITTLE_ENDIAN)
              .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
          ((FloatVector) q.and(0xF).convert(VectorOperators.I2F, 0)).mul(d1).sub(m1).intoArray(w, o + k);
          ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).convert(VectorOperators.I2F, 0)).mul(d2).sub(m2)
              .intoArray(w, o + 32 + k);
        }
      }
    }
  }

  /**
   * A Q5_K row to floats, the values {@link BlockCodec#dequantize} gives ({@code (d * sc) * q - dmin * m}, multiply
   * then subtract as the codec's float operations, no fma), eight at a time. As Q4_K, plus 32 bytes {@code qh} shared
   * by the four 64-value groups: group {@code g} takes bit {@code 2g} of {@code qh[l]} as the fifth bit of value
   * {@code l}, bit {@code 2g + 1} as that of value {@code 32 + l}.
   */
  static void unpackQ5_K(MemorySegment s, long off, float[] w, int wo, int n) {
    for (int y = wo, end = wo + n; y < end; y += 256, off += 176) {
      float d = Float.float16ToFloat(s.get(SHORT, off));
      float dmin = Float.float16ToFloat(s.get(SHORT, off + 2));
      long scLo = s.get(LONG, off + 4); // the 12 scale bytes
      int scHi = s.get(INT, off + 12);
      long qh = off + 16;
      long ql = off + 48;
      for (int g = 0; g < 4; g++, ql += 32) {
        int is = 2 * g;
        FloatVector d1 = FloatVector.broadcast(F8, d * scaleK4(scLo, scHi, is, false));
        FloatVector m1 = FloatVector.broadcast(F8, dmin * scaleK4(scLo, scHi, is, true));
        FloatVector d2 = FloatVector.broadcast(F8, d * scaleK4(scLo, scHi, is + 1, false));
        FloatVector m2 = FloatVector.broadcast(F8, dmin * scaleK4(scLo, scHi, is + 1, true));
        int o = y + 64 * g;
        for (int k = 0; k < 32; k += 8) {
          IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, ql + k, ByteOrder.LITTLE_ENDIAN)
              .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
          IntVector h = (IntVector) ByteVector.fromMemorySegment(B8, s, qh + k, ByteOrder.LITTLE_ENDIAN)
              .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
          IntVector lo = q.and(0xF).or(h.lanewise(VectorOperators.LSHR, is).and(1).lanewise(VectorOperators.LSHL, 4));
          IntVector hi = q.lanewise(VectorOperators.LSHR, 4)
              .or(h.lanewise(VectorOperators.LSHR, is + 1).and(1).lanewise(VectorOperators.LSHL, 4));
          ((FloatVector) lo.convert(VectorOperators.I2F, 0)).mul(d1).sub(m1).intoArray(w, o + k);
          ((FloatVector) hi.convert(VectorOperators.I2F, 0)).mul(d2).sub(m2).intoArray(w, o + 32 + k);
        }
      }
    }
  }

  /** Lane numbers 0..31: value {@code v} of a Q5_0/Q5_1 block takes bit {@code v} of the block's {@code qh}. */
  private static final int[] LANE = java.util.stream.IntStream.range(0, 32).toArray();

  /**
   * A Q5_0 row to floats, the values {@link BlockCodec#dequantize} gives ({@code d * (q - 16)}, exact), eight at a
   * time: per 32-value block an fp16 scale, 32 fifth bits {@code qh}, 16 bytes of low (values 0..15) and high
   * (16..31) nibbles. Not merged with {@link #unpackWithMin}: one method for the three types (flags for the bias,
   * the minimum and the fifth bits) made Q4_1 a third slower in cache (QuantDecodeBench).
   */
  static void unpackQ5_0(MemorySegment s, long off, float[] w, int wo, int n) {
    for (int y = wo, end = wo + n; y < end; y += 32, off += 22) {
      FloatVector d = FloatVector.broadcast(F8, Float.float16ToFloat(s.get(SHORT, off)));
      IntVector qh = IntVector.broadcast(I8, s.get(INT, off + 2));
      for (int k = 0; k < 16; k += 8) {
        IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, off + 6 + k, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        IntVector lo = q.and(0xF).or(qh.lanewise(VectorOperators.LSHR, IntVector.fromArray(I8, LANE, k)).and(1)
            .lanewise(VectorOperators.LSHL, 4)).sub(16);
        IntVector hi = q.lanewise(VectorOperators.LSHR, 4).or(qh.lanewise(VectorOperators.LSHR,
            IntVector.fromArray(I8, LANE, 16 + k)).and(1).lanewise(VectorOperators.LSHL, 4)).sub(16);
        ((FloatVector) lo.convert(VectorOperators.I2F, 0)).mul(d).intoArray(w, y + k);
        ((FloatVector) hi.convert(VectorOperators.I2F, 0)).mul(d).intoArray(w, y + 16 + k);
      }
    }
  }

  /**
   * A Q4_1 or Q5_1 row to floats, the values {@link BlockCodec#dequantize} gives ({@code q * d + m}: multiply, then
   * add, as the codec's float operations), eight at a time; without {@code addMin} just {@code q * d} (the part
   * {@link #rows} dots). Q4_1 blocks: fp16 d and m, 16 bytes of nibbles; Q5_1 adds 32 fifth bits {@code qh} before
   * the nibbles.
   */
  static void unpackWithMin(GgmlType t, MemorySegment s, long off, float[] w, int wo, int n, boolean addMin) {
    boolean five = t == GgmlType.Q5_1;
    int qs = five ? 8 : 4;
    for (int y = wo, end = wo + n; y < end; y += 32, off += t.blockBytes) {
      FloatVector d = FloatVector.broadcast(F8, Float.float16ToFloat(s.get(SHORT, off)));
      // q * d + 0 is q * d (only a -0 becomes +0, which no sum can tell apart)
      FloatVector m = FloatVector.broadcast(F8, addMin ? Float.float16ToFloat(s.get(SHORT, off + 2)) : 0f);
      IntVector qh = IntVector.broadcast(I8, five ? s.get(INT, off + 4) : 0);
      for (int k = 0; k < 16; k += 8) {
        IntVector q = (IntVector) ByteVector.fromMemorySegment(B8, s, off + qs + k, ByteOrder.LITTLE_ENDIAN)
            .convertShape(VectorOperators.ZERO_EXTEND_B2I, I8, 0);
        IntVector lo = q.and(0xF).or(qh.lanewise(VectorOperators.LSHR, IntVector.fromArray(I8, LANE, k)).and(1)
            .lanewise(VectorOperators.LSHL, 4));
        IntVector hi = q.lanewise(VectorOperators.LSHR, 4).or(qh.lanewise(VectorOperators.LSHR,
            IntVector.fromArray(I8, LANE, 16 + k)).and(1).lanewise(VectorOperators.LSHL, 4));
        ((FloatVector) lo.convert(VectorOperators.I2F, 0)).mul(d).add(m).intoArray(w, y + k);
        ((FloatVector) hi.convert(VectorOperators.I2F, 0)).mul(d).add(m).intoArray(w, y + 16 + k);
      }
    }
  }

  /**
   * The 6-bit scale ({@code min} false) or minimum number {@code j} of a Q4_K/Q5_K block's 12 scale bytes, given as
   * {@code lo} (bytes 0-7, little-endian) and {@code hi} (bytes 8-11): two reads per block and register shifts
   * instead of one or two byte reads from the segment per number (those made the row decoder 1.2x slower).
   */
  private static int scaleK4(long lo, int hi, int j, boolean min) {
    if (j < 4) {
      return (int) (lo >>> (8 * (j + (min ? 4 : 0)))) & 63;
    }
    int b = (hi >>> (8 * (j - 4))) & 0xFF; // byte j + 4
    int top = (int) (lo >>> (8 * (min ? j : j - 4))) & 0xFF; // byte j (minimum) or j - 4 (scale): its top 2 bits
    return (min ? b >>> 4 : b & 0xF) | ((top >>> 6) << 4);
  }

  /**
   * A Q6_K row to floats, the values {@link BlockCodec#dequantize} gives ({@code (d * sc) * q}): per 128-value half
   * of a super-block the values are assembled by {@link #decodeQ6_KHalf}, then converted and scaled eight at a time.
   */
  static void unpackQ6_K(MemorySegment s, long off, float[] w, int wo, int n) {
    byte[] q = Q6_K_VALUES.get();
    for (int y = wo, end = wo + n; y < end; off += 210) {
      float d = Float.float16ToFloat(s.get(SHORT, off + 208));
      for (int half = 0; half < 2; half++, y += 128) {
        decodeQ6_KHalf(s, off + 64 * half, off + 128 + 32 * half, q);
        long sc = off + 192 + 8 * half;
        for (int c = 0; c < 128; c += 8) {
          ((FloatVector) ByteVector.fromArray(B8, q, c).convertShape(VectorOperators.B2I, I8, 0)
              .convert(VectorOperators.I2F, 0))
              .mul(d * s.get(ValueLayout.JAVA_BYTE, sc + c / 16)).intoArray(w, y + c);
        }
      }
    }
  }

  /** This thread's 128 decoded Q6_K values ({@link #decodeQ6_KHalf}). */
  static final ThreadLocal<byte[]> Q6_K_VALUES = ThreadLocal.withInitial(() -> new byte[128]);

  /**
   * Register tile: {@code nr} (1..4) unpacked rows ({@code w[i * n ..]}, row index {@code row + i}) times {@code nt}
   * (1..4) tokens ({@code x[(tok + j) * n ..]}), written to {@code out[(tok + j) * outStride + row + i]}. Missing
   * rows and tokens repeat the last one (their identical sums land on its place). 4 x 4 accumulators: 8 loads feed
   * 16 FMAs (2 x 4: 6 loads for 8), 1.3x the FMA rate of 2 x 4 where the core has 32 vector registers ({@link
   * #WIDE_TILES}; {@link #tile2} where it has 16). Each (row, token) chain is the same FMA sequence
   * whatever the tile's shape, so results do not depend on it.
   */
  static void tile(float[] w, int nr, float[] x, int tok, int nt, int n, float[] out, int row, int outStride) {
    // no branches on nr/nt: C2 prunes a branch never seen while profiling and deoptimizes when a new tile shape
    // shows up; in a long job that cycled tile through the interpreter, where vector code allocates (10x slower)
    // row i / token j of the tile, or the last real one when the tile is smaller (nr, nt >= 1)
    int i1 = Math.min(nr - 1, 1);
    int i2 = Math.min(nr - 1, 2);
    int i3 = Math.min(nr - 1, 3);
    int j1 = Math.min(nt - 1, 1);
    int j2 = Math.min(nt - 1, 2);
    int j3 = Math.min(nt - 1, 3);
    int w1 = i1 * n;
    int w2 = i2 * n;
    int w3 = i3 * n;
    int x0 = tok * n;
    int x1 = x0 + j1 * n;
    int x2 = x0 + j2 * n;
    int x3 = x0 + j3 * n;
    FloatVector c00 = FloatVector.zero(F8);
    FloatVector c01 = c00;
    FloatVector c02 = c00;
    FloatVector c03 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c12 = c00;
    FloatVector c13 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c22 = c00;
    FloatVector c23 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c32 = c00;
    FloatVector c33 = c00;
    for (int k = 0; k < n; k += 8) {
      FloatVector a0 = FloatVector.fromArray(F8, w, k);
      FloatVector a1 = FloatVector.fromArray(F8, w, w1 + k);
      FloatVector a2 = FloatVector.fromArray(F8, w, w2 + k);
      FloatVector a3 = FloatVector.fromArray(F8, w, w3 + k);
      FloatVector v = FloatVector.fromArray(F8, x, x0 + k);
      c00 = a0.fma(v, c00);
      c10 = a1.fma(v, c10);
      c20 = a2.fma(v, c20);
      c30 = a3.fma(v, c30);
      v = FloatVector.fromArray(F8, x, x1 + k);
      c01 = a0.fma(v, c01);
      c11 = a1.fma(v, c11);
      c21 = a2.fma(v, c21);
      c31 = a3.fma(v, c31);
      v = FloatVector.fromArray(F8, x, x2 + k);
      c02 = a0.fma(v, c02);
      c12 = a1.fma(v, c12);
      c22 = a2.fma(v, c22);
      c32 = a3.fma(v, c32);
      v = FloatVector.fromArray(F8, x, x3 + k);
      c03 = a0.fma(v, c03);
      c13 = a1.fma(v, c13);
      c23 = a2.fma(v, c23);
      c33 = a3.fma(v, c33);
    }
    // the lanes go through the buffer's scratch after the rows and are summed there in sumLanes' order: sixteen
    // sumLanes calls made tile too large for C2 to inline them, and a call boxes its vector argument
    int l = laneScratch(n);
    c00.intoArray(w, l);
    c01.intoArray(w, l + 8);
    c02.intoArray(w, l + 16);
    c03.intoArray(w, l + 24);
    c10.intoArray(w, l + 32);
    c11.intoArray(w, l + 40);
    c12.intoArray(w, l + 48);
    c13.intoArray(w, l + 56);
    c20.intoArray(w, l + 64);
    c21.intoArray(w, l + 72);
    c22.intoArray(w, l + 80);
    c23.intoArray(w, l + 88);
    c30.intoArray(w, l + 96);
    c31.intoArray(w, l + 104);
    c32.intoArray(w, l + 112);
    c33.intoArray(w, l + 120);
    writeSums(w, l, 4, nr, nt, out, tok * outStride + row, outStride);
  }

  /**
   * {@link #tile} with 2 rows ({@code nr} 1..2) x 4 tokens, for cores with 16 vector registers ({@link #WIDE_TILES}
   * false): 8 accumulators, 6 loads per 8 FMAs. The same chains and lane sums, so the same results.
   */
  static void tile2(float[] w, int nr, float[] x, int tok, int nt, int n, float[] out, int row, int outStride) {
    int i1 = Math.min(nr - 1, 1);
    int j1 = Math.min(nt - 1, 1);
    int j2 = Math.min(nt - 1, 2);
    int j3 = Math.min(nt - 1, 3);
    int w1 = i1 * n;
    int x0 = tok * n;
    int x1 = x0 + j1 * n;
    int x2 = x0 + j2 * n;
    int x3 = x0 + j3 * n;
    FloatVector c00 = FloatVector.zero(F8);
    FloatVector c01 = c00;
    FloatVector c02 = c00;
    FloatVector c03 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c12 = c00;
    FloatVector c13 = c00;
    for (int k = 0; k < n; k += 8) {
      FloatVector a0 = FloatVector.fromArray(F8, w, k);
      FloatVector a1 = FloatVector.fromArray(F8, w, w1 + k);
      FloatVector v = FloatVector.fromArray(F8, x, x0 + k);
      c00 = a0.fma(v, c00);
      c10 = a1.fma(v, c10);
      v = FloatVector.fromArray(F8, x, x1 + k);
      c01 = a0.fma(v, c01);
      c11 = a1.fma(v, c11);
      v = FloatVector.fromArray(F8, x, x2 + k);
      c02 = a0.fma(v, c02);
      c12 = a1.fma(v, c12);
      v = FloatVector.fromArray(F8, x, x3 + k);
      c03 = a0.fma(v, c03);
      c13 = a1.fma(v, c13);
    }
    int l = laneScratch(n);
    c00.intoArray(w, l);
    c01.intoArray(w, l + 8);
    c02.intoArray(w, l + 16);
    c03.intoArray(w, l + 24);
    c10.intoArray(w, l + 32);
    c11.intoArray(w, l + 40);
    c12.intoArray(w, l + 48);
    c13.intoArray(w, l + 56);
    writeSums(w, l, 2, nr, nt, out, tok * outStride + row, outStride);
  }

  /**
   * A tile's sums from the lane scratch at {@code l} (row i, token j's 8 lanes at {@code l + 8 * (4 * i + j)}) to
   * {@code out[o + (token) * outStride + (row)]}; a missing row or token repeats the last real one, whose identical
   * sum lands on its place (no branches on {@code nr}/{@code nt}).
   */
  private static void writeSums(float[] w, int l, int tileRows, int nr, int nt, float[] out, int o, int outStride) {
    for (int i = 0; i < tileRows; i++) {
      for (int j = 0; j < TILE_TOKENS; j++) {
        out[o + Math.min(i, nr - 1) + Math.min(j, nt - 1) * outStride] = laneSum(w, l + 8 * (TILE_TOKENS * i + j));
      }
    }
  }

  /** {@code w[at] + ... + w[at + 7]} left to right: {@link Kernels#sumLanes}' order for 8 lanes. */
  private static float laneSum(float[] w, int at) {
    return w[at] + w[at + 1] + w[at + 2] + w[at + 3] + w[at + 4] + w[at + 5] + w[at + 6] + w[at + 7];
  }
}
