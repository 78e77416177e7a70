package io.corpusforge.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.fixtures.FixtureModels;
import io.corpusforge.inference.gguf.TensorEncoder;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockDotTest {
  private static final int ROWS = 7; // not a multiple of the tile or single-token row counts
  private static final int POOL = 17; // distinct tokens

  /**
   * A token's result must not depend on the path that served it: one token straight from the file (one row alone or
   * interleaved with others), or the unpacked register tiles, at any batch size, token position and row range.
   */
  @Test
  void everyPathIsBitIdenticalAndMatchesDecodedRows() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (GgmlType type : new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q5_0, GgmlType.Q4_1, GgmlType.Q5_1,
        GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K}) {
      // k-quant rows span one to eleven 256-value super-blocks
      int[] lengths = type.blockSize == 256 ? new int[] {256, 768, 1024, 2816} : new int[] {32, 96, 1024};
      for (int n : lengths) {
        float[] w = new float[ROWS * n];
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) rnd.nextGaussian();
        }
        float[] x = new float[POOL * n];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rnd.nextGaussian();
        }
        // activations as the engine rounds them for these types (with Q8_1 block sums for Q4_1/Q5_1)
        boolean withMin = BlockCodec.hasMin(type);
        float[] sums = withMin ? new float[POOL * (n / 32)] : null;
        for (int t = 0; t < POOL; t++) {
          BlockCodec.roundActivations(BlockCodec.activationRounding(type), x, t * n, n, sums, t * (n / 32));
        }
        byte[] bytes = type == GgmlType.Q8_0 || type == GgmlType.Q4_0 ? TensorEncoder.encode(type, w)
            : FixtureModels.randomBlocks(rnd, type, (long) ROWS * n, 1.0);
        long rowBytes = bytes.length / ROWS;
        MemorySegment seg = MemorySegment.ofArray(bytes);
        // reference: each (row, token) alone
        float[][] single = new float[POOL][ROWS];
        float[] decoded = new float[n];
        for (int r = 0; r < ROWS; r++) {
          BlockCodec.dequantize(type, seg, r * rowBytes, decoded, 0, n);
          for (int t = 0; t < POOL; t++) {
            double reference = 0;
            if (withMin) { // llama.cpp's d * (q . x) + m * s, one row and token alone
              float[] one = new float[ROWS];
              BlockDot.rows(type, seg, rowBytes, r, r + 1, java.util.Arrays.copyOfRange(x, t * n, t * n + n),
                  java.util.Arrays.copyOfRange(sums, t * (n / 32), (t + 1) * (n / 32)), n, 1, one, ROWS,
                  new float[BlockDot.bufferFloats(n)]);
              single[t][r] = one[r];
              reference = BlockCodec.dotWithMin(type, seg, r * rowBytes, x, t * n, sums, t * (n / 32), n);
            } else {
              single[t][r] = BlockDot.dot(type, seg, r * rowBytes, x, t * n, n);
              for (int i = 0; i < n; i++) {
                reference += (double) decoded[i] * x[t * n + i];
              }
            }
            assertEquals(reference, single[t][r], 1e-4 * Math.sqrt(n), type + " n=" + n);
          }
        }
        // repeated so that the later passes run JIT-compiled kernels against the first (interpreted) results
        for (int pass = 0; pass < 20; pass++) {
          checkBatches(type, seg, rowBytes, n, x, sums, single);
        }
      }
    }
  }

  /** Types whose rows {@link BlockDot#unpack} decodes with the Vector API (each against the codec). */
  private static final GgmlType[] VECTOR_DECODED = {GgmlType.Q4_0, GgmlType.Q8_0, GgmlType.Q4_1, GgmlType.Q5_0,
      GgmlType.Q5_1, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K};

  /**
   * The vectorized decoders give exactly the codec's values (the one place that defines the layout), bit for bit, on
   * rows of several super-blocks / blocks: blocks as the fixtures write them, blocks of uniformly random bytes (every
   * scale, minimum and high-bit pattern, and fp16 scales of any magnitude, subnormal to huge, where a fused
   * multiply-add would round differently), and blocks of all-zero and all-one bits around a finite scale.
   */
  @Test
  void vectorUnpackEqualsTheCodec() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (GgmlType type : VECTOR_DECODED) {
      for (int n : new int[] {256, 768, 1024, 2816}) {
        int rows = 4;
        long rowBytes = type.bytesFor(n);
        for (int kind = 0; kind < 4; kind++) {
          byte[] bytes = switch (kind) {
            case 0 -> type == GgmlType.Q4_0 || type == GgmlType.Q8_0 ? randomBytes(rnd, rows * rowBytes)
                : FixtureModels.randomBlocks(rnd, type, (long) rows * n, 1.0);
            case 1 -> randomBytes(rnd, rows * rowBytes);
            default -> filledBlocks(type, rows * n, kind == 2 ? (byte) 0 : (byte) -1);
          };
          MemorySegment seg = MemorySegment.ofArray(bytes);
          for (int r = 0; r < rows; r++) {
            float[] codec = new float[n];
            float[] vector = new float[n + 5];
            BlockCodec.dequantize(type, seg, r * rowBytes, codec, 0, n);
            for (int pass = 0; pass < (kind == 1 && r == 0 && n == 1024 ? 300 : 3); pass++) { // interpreted, compiled
              java.util.Arrays.fill(vector, Float.NaN);
              BlockDot.unpack(type, seg, r * rowBytes, vector, 5, n);
              for (int i = 0; i < n; i++) {
                if (Float.floatToIntBits(codec[i]) != Float.floatToIntBits(vector[5 + i])) {
                  assertEquals(codec[i], vector[5 + i],
                      type + " n=" + n + " blocks=" + kind + " row=" + r + " value " + i + " pass " + pass);
                }
              }
            }
          }
        }
      }
    }
  }

  private static byte[] randomBytes(SplittableRandom rnd, long size) {
    byte[] b = new byte[(int) size];
    rnd.nextBytes(b);
    return b;
  }

  /** Blocks whose bytes are all {@code fill}, with every fp16 scale / minimum set to finite values. */
  private static byte[] filledBlocks(GgmlType type, int elements, byte fill) {
    byte[] b = new byte[(int) type.bytesFor(elements)];
    java.util.Arrays.fill(b, fill);
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    short d = Float.floatToFloat16(0.0123f);
    short m = Float.floatToFloat16(-0.37f);
    for (int off = 0; off < b.length; off += type.blockBytes) {
      switch (type) {
        case Q6_K -> buf.putShort(off + 208, d);
        case Q4_1, Q5_1, Q4_K, Q5_K -> buf.putShort(off, d).putShort(off + 2, m);
        default -> buf.putShort(off, d);
      }
    }
    return b;
  }

  private static void checkBatches(GgmlType type, MemorySegment seg, long rowBytes, int n, float[] x, float[] sums,
      float[][] single) {
    int blocks = n / 32;
    float[] buf = new float[BlockDot.bufferFloats(n)];
    // 70 tokens of 1024 values: more than one token block (BlockDot.TOKEN_BLOCK_BYTES)
    for (int tokens : n >= 1024 ? new int[] {1, 2, 3, 4, 5, 8, 16, 17, 70} : new int[] {1, 2, 3, 4, 5, 8, 16, 17}) {
      for (int start = 0; start < POOL; start += tokens == 1 ? 1 : 3) {
        float[] in = new float[tokens * n];
        float[] inSums = sums == null ? null : new float[tokens * blocks];
        int[] tok = new int[tokens];
        for (int j = 0; j < tokens; j++) {
          tok[j] = (start + j) % POOL;
          System.arraycopy(x, tok[j] * n, in, j * n, n);
          if (sums != null) {
            System.arraycopy(sums, tok[j] * blocks, inSums, j * blocks, blocks);
          }
        }
        for (int[] range : new int[][] {{0, ROWS}, {1, ROWS}, {2, 5}, {3, 4}}) {
          float[] out = new float[tokens * ROWS];
          BlockDot.rows(type, seg, rowBytes, range[0], range[1], in, inSums, n, tokens, out, ROWS, buf);
          for (int j = 0; j < tokens; j++) {
            for (int r = range[0]; r < range[1]; r++) {
              assertEquals(Float.floatToIntBits(single[tok[j]][r]), Float.floatToIntBits(out[j * ROWS + r]),
                  type + " n=" + n + " tokens=" + tokens + " position=" + j + " row=" + r + " rows=" + range[0]
                      + ".." + range[1]);
            }
          }
        }
      }
    }
  }
}
