package io.corpusforge.inference.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corpusforge.inference.gguf.TensorEncoder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The kernels' rounding helpers (plain Java here) against the JDK's and ggml's conversions, bit for bit. */
class RoundingTest {
  @Test
  void halfBf16AndRintMatchTheReference() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      float v = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-9, 6)));
      // equal as numbers: a tiny negative value may become +0 instead of -0, which no sum can tell apart
      assertEquals(Float.float16ToFloat(Float.floatToFloat16(v)), DeviceKernels.toHalf(v), 0f, "half of " + v);
      assertEquals(Float.floatToFloat16(v), (short) DeviceKernels.halfBits(v), "half bits of " + v);
      assertEquals(Float.intBitsToFloat(TensorEncoder.floatToBf16(v) << 16), DeviceKernels.toBf16(v), "bf16 of " + v);
      float x = (float) (r.nextDouble() * 400 - 200);
      assertEquals((float) Math.rint(x), DeviceKernels.rint(x), 0f, "rint of " + x);
      float tie = r.nextInt(-300, 300) + 0.5f;
      assertEquals((float) Math.rint(tie), DeviceKernels.rint(tie), 0f, "rint of " + tie);
    }
  }

  @Test
  void halfBitsMatchTheJdkAtTheEdges() {
    float[] edges = {0f, -0f, 65504f, 65519.99f, 65520f, -65520f, 1e6f, Float.POSITIVE_INFINITY,
        Float.NEGATIVE_INFINITY, Float.NaN, 6.1035156e-05f, 6.1035152e-05f, 5.9604645e-08f, 2.9802322e-08f,
        2.9802326e-08f, 1e-9f, -1e-9f, 1.0009766f, 1.0004883f, 1.0014648f, 2047.5f, 2048f, 2049f, 2051f};
    for (float v : edges) {
      assertEquals(Float.floatToFloat16(v), (short) DeviceKernels.halfBits(v), "half bits of " + v);
    }
    // every half value and the midpoints between neighbours (the ties)
    for (int h = 0; h < 0x7C00; h++) {
      float a = Float.float16ToFloat((short) h);
      float b = Float.float16ToFloat((short) (h + 1));
      float mid = (a + b) / 2;
      for (float v : new float[] {a, -a, mid, -mid, Math.nextUp(mid), Math.nextDown(mid)}) {
        assertEquals(Float.floatToFloat16(v), (short) DeviceKernels.halfBits(v), "half bits of " + v);
      }
    }
  }
}
