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
}
