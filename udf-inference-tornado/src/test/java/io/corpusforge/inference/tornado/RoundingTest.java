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
      assertEquals(Float.intBitsToFloat(TensorEncoder.floatToBf16(v) << 16), DeviceKernels.toBf16(v), "bf16 of " + v);
      float x = (float) (r.nextDouble() * 400 - 200);
      assertEquals((float) Math.rint(x), DeviceKernels.rint(x), 0f, "rint of " + x);
      float tie = r.nextInt(-300, 300) + 0.5f;
      assertEquals((float) Math.rint(tie), DeviceKernels.rint(tie), 0f, "rint of " + tie);
    }
  }
}
