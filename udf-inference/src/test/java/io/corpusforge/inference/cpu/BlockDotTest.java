package io.corpusforge.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.TensorEncoder;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockDotTest {
  @Test
  void fusedAndUnpackedPathsAreBitIdenticalAndMatchDecodedRows() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (GgmlType type : new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0}) {
      for (int n : new int[] {32, 96, 1024}) {
        float[] w = new float[n];
        float[] x = new float[3 * n];
        for (int i = 0; i < n; i++) {
          w[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) rnd.nextGaussian();
        }
        MemorySegment row = MemorySegment.ofArray(TensorEncoder.encode(type, w));
        float[] q = new float[n];
        float[] d = new float[n / 32];
        BlockDot.unpack(type, row, 0, q, d, n);
        float[] out = new float[3];
        BlockDot.dotUnpacked(q, d, x, 0, n, 3, out, 0, 1);
        float[] decoded = new float[n];
        BlockCodec.dequantize(type, row, 0, decoded, 0, n);
        for (int t = 0; t < 3; t++) {
          float fused = BlockDot.dot(type, row, 0, x, t * n, n);
          assertEquals(Float.floatToIntBits(fused), Float.floatToIntBits(out[t]), type + " n=" + n + " t=" + t);
          double reference = 0;
          for (int i = 0; i < n; i++) {
            reference += (double) decoded[i] * x[t * n + i];
          }
          assertEquals(reference, fused, 1e-4 * Math.sqrt(n), type + " n=" + n);
        }
      }
    }
  }
}
