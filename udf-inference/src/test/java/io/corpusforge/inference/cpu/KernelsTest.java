package io.corpusforge.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class KernelsTest {

  /** The attention's weighted sum equals axpy called once per position, bit for bit, for every head width. */
  @Test
  void weightedSumIsAxpyPerPosition() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int n : new int[] {8, 64, 96, 128, 130, 256}) {
      for (int len : new int[] {1, 2, 7, 37, 300}) {
        int stride = n + 24;  // value rows of other heads in between
        int xo = 24;
        float[] w = new float[len];
        float[] x = new float[xo + len * stride];
        for (int p = 0; p < len; p++) {
          w[p] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rnd.nextGaussian();
        }
        float[] expected = new float[n + 5];
        float[] actual = new float[n + 5];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = actual[i] = (float) rnd.nextGaussian();
        }
        for (int p = 0; p < len; p++) {
          Kernels.axpy(w[p], x, xo + p * stride, expected, 3, n);
        }
        Kernels.weightedSum(w, len, x, xo, stride, actual, 3, n);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
              "n " + n + " len " + len + " element " + i);
        }
      }
    }
  }

  /** Lane sums run left to right whatever the species width (the unrolled forms equal the array loop). */
  @Test
  void lanesSumLeftToRight() {
    SplittableRandom rnd = new SplittableRandom(11);
    float[] v = new float[Kernels.F.length()];
    for (int round = 0; round < 1000; round++) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-3, 4)));
      }
      float expected = 0;
      for (float f : v) {
        expected += f;
      }
      assertEquals(Float.floatToRawIntBits(expected),
          Float.floatToRawIntBits(Kernels.sumLanes(FloatVector.fromArray(Kernels.F, v, 0))));
    }
  }

  /**
   * Attention scores by the lane-sum tree: each equals the score of its key row alone (bit for bit, whatever the
   * position's place in a block or the number of rows), and the exact dot product within float rounding.
   */
  @Test
  void attentionScoresDoNotDependOnTheirNeighbours() {
    SplittableRandom rnd = new SplittableRandom(13);
    float[] scratch = new float[Kernels.F.length() * Kernels.F.length()];
    for (int n : new int[] {64, 128, 96, 256}) {
      for (int len : new int[] {1, 5, 16, 17, 300}) {
        int stride = 3 * n;  // key rows of other heads in between
        int ko = n;
        float[] q = new float[n + 2];
        float[] keys = new float[ko + len * stride];
        for (int i = 0; i < q.length; i++) {
          q[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < keys.length; i++) {
          keys[i] = (float) rnd.nextGaussian();
        }
        float scale = 0.088f;
        float[] out = new float[len + 3];
        Kernels.dotRows(q, 2, keys, ko, stride, n, len, scale, out, 3, scratch);
        for (int p = 0; p < len; p++) {
          float alone = Kernels.treeDot(q, 2, keys, ko + p * stride, n) * scale;
          assertEquals(Float.floatToRawIntBits(alone), Float.floatToRawIntBits(out[3 + p]), "n " + n + " p " + p);
          if (n % 64 == 0) {
            assertEquals(Float.floatToRawIntBits(sixteenLaneTree(q, 2, keys, ko + p * stride, n) * scale),
                Float.floatToRawIntBits(out[3 + p]), "the 16-lane tree, whatever the host: n " + n + " p " + p);
          }
          double exact = 0;
          double magnitude = 0;
          for (int i = 0; i < n; i++) {
            exact += (double) q[2 + i] * keys[ko + p * stride + i];
            magnitude += Math.abs((double) q[2 + i] * keys[ko + p * stride + i]);
          }
          assertEquals(exact * scale, out[3 + p], 1e-6 * magnitude * scale, "n " + n + " p " + p);
        }
        for (int i = 0; i < 3; i++) {
          assertEquals(0f, out[i], "written before the output offset");
        }
      }
    }
  }

  /** The scores' order written out: four 16-lane fma accumulators over blocks of 64, the pairs added, a lane tree. */
  private static float sixteenLaneTree(float[] q, int qo, float[] key, int ko, int n) {
    float[][] acc = new float[4][16];
    for (int i = 0; i < n; i += 64) {
      for (int k = 0; k < 4; k++) {
        for (int lane = 0; lane < 16; lane++) {
          acc[k][lane] = Math.fma(q[qo + i + 16 * k + lane], key[ko + i + 16 * k + lane], acc[k][lane]);
        }
      }
    }
    float[] v = new float[16];
    for (int lane = 0; lane < 16; lane++) {
      v[lane] = (acc[0][lane] + acc[1][lane]) + (acc[2][lane] + acc[3][lane]);
    }
    for (int half = 8; half >= 1; half /= 2) {
      for (int lane = 0; lane < half; lane++) {
        v[lane] = v[lane] + v[lane + half];
      }
    }
    return v[0];
  }

  /** Two query heads sharing key and value rows (grouped-query attention) get the floats of two separate calls. */
  @Test
  void headPairsEqualTheirHeadsAlone() {
    SplittableRandom rnd = new SplittableRandom(17);
    float[] scratch = new float[2 * Kernels.F.length() * Kernels.F.length()];
    for (int n : new int[] {64, 96, 128, 130}) {
      for (int len : new int[] {1, 19, 300}) {
        int stride = 2 * n;
        float[] q = new float[2 * n];
        float[] rows = new float[n + len * stride];
        for (int i = 0; i < q.length; i++) {
          q[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < rows.length; i++) {
          rows[i] = (float) rnd.nextGaussian();
        }
        float[] pair = new float[2 * len];
        float[] alone = new float[2 * len];
        Kernels.dotRows(q, 0, n, rows, n, stride, n, len, 0.1f, pair, 0, pair, len, scratch);
        Kernels.dotRows(q, 0, rows, n, stride, n, len, 0.1f, alone, 0, scratch);
        Kernels.dotRows(q, n, rows, n, stride, n, len, 0.1f, alone, len, scratch);
        for (int i = 0; i < pair.length; i++) {
          assertEquals(Float.floatToRawIntBits(alone[i]), Float.floatToRawIntBits(pair[i]), "scores n " + n + " " + i);
        }
        float[] sums = new float[2 * n + 1];
        float[] expected = new float[2 * n + 1];
        Kernels.weightedSum2(pair, 0, len, len, rows, n, stride, sums, 1, n + 1, n);
        Kernels.weightedSum(pair, len, rows, n, stride, expected, 1, n);
        float[] second = java.util.Arrays.copyOfRange(pair, len, 2 * len);
        Kernels.weightedSum(second, len, rows, n, stride, expected, n + 1, n);
        for (int i = 0; i < sums.length; i++) {
          assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(sums[i]), "sums n " + n + " " + i);
        }
      }
    }
  }

  /** Dot products sum in the 16-lane order on every host (this test also runs on 8 lanes: avx2-kernels). */
  @Test
  void dotIsTheSixteenLaneOrderOnEveryHost() {
    SplittableRandom rnd = new SplittableRandom(19);
    for (int n : new int[] {17, 64, 96, 128, 130, 256}) {
      float[] a = new float[n + 3];
      float[] b = new float[n + 5];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) rnd.nextGaussian();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) rnd.nextGaussian();
      }
      float[][] acc = new float[4][16];
      int i = 0;
      for (; i + 64 <= n; i += 64) {
        for (int k = 0; k < 4; k++) {
          for (int lane = 0; lane < 16; lane++) {
            acc[k][lane] = Math.fma(a[3 + i + 16 * k + lane], b[5 + i + 16 * k + lane], acc[k][lane]);
          }
        }
      }
      for (; i + 16 <= n; i += 16) {
        for (int lane = 0; lane < 16; lane++) {
          acc[0][lane] = Math.fma(a[3 + i + lane], b[5 + i + lane], acc[0][lane]);
        }
      }
      float expected = 0;
      for (int lane = 0; lane < 16; lane++) {
        float v = (acc[0][lane] + acc[1][lane]) + (acc[2][lane] + acc[3][lane]);
        expected = lane == 0 ? v : expected + v;
      }
      for (; i < n; i++) {
        expected += a[3 + i] * b[5 + i];
      }
      assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(Kernels.dot(a, 3, b, 5, n)), "n " + n);
    }
  }
}
