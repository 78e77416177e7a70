package io.corpusforge.inference.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.backend.SequenceStep;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Device logits against the CPU backend's at every prompt position, on the fixture models. Both backends round
 * activations the same way before each product (Q8_0 blocks, F16 or BF16, as llama.cpp does), so what remains is
 * float summation order: measured on PoCL, max |device - cpu| / max |cpu logit| is 1e-7..5e-6 at most positions,
 * and up to 2e-3 where an activation lies on a rounding boundary (one Q8_0/F16 step then differs). Tolerance 1e-2 of
 * the largest logit, and the argmax must agree at every position. The K-quant model is converted to Q8_0 on the
 * device (measured 2e-2..6e-2): tolerance 0.1, argmax checked too. With an F16 KV cache on both backends (keys and
 * values rounded to the same halves, nearest even) the same tolerance holds.
 */
class DeviceParityTest {

  @ParameterizedTest
  @CsvSource({"llama-spm-f32, 1e-2, F32", "llama-bpe-q8_0, 1e-2, F32", "qwen2-q4_0, 1e-2, F32",
      "qwen3-f16, 1e-2, F32", "qwen3-q4_k, 0.1, F32", "llama-spm-f32, 1e-2, F16", "qwen2-q4_0, 1e-2, F16",
      "qwen3-f16, 1e-2, F16"})
  void logitsMatchTheCpuBackendAtEveryPromptPosition(String model, double tolerance, KvType kv) {
    DeviceFixture.assumeSelected(model);
    try (DeviceFixture f = new DeviceFixture(DeviceFixture.FIXTURES.resolve(model + ".gguf"), 2, 64, kv)) {
      System.out.println(DeviceFixture.deviceLine(f.device));
      int[] prompt = prompt(f.spec.vocabSize(), 23);
      List<float[][]> cpu = f.cpu.step(List.of(new SequenceStep(0, 0, prompt, true)));
      List<float[][]> dev = f.device.step(List.of(new SequenceStep(0, 0, prompt, true)));
      StringBuilder diffs = new StringBuilder();
      double worst = 0;
      int argmaxAgree = 0;
      for (int p = 0; p < prompt.length; p++) {
        float[] c = cpu.get(0)[p];
        float[] d = dev.get(0)[p];
        double max = 0;
        double scale = 0;
        for (int v = 0; v < c.length; v++) {
          max = Math.max(max, Math.abs(c[v] - d[v]));
          scale = Math.max(scale, Math.abs(c[v]));
        }
        worst = Math.max(worst, max / scale);
        diffs.append(String.format(Locale.ROOT, " %.1e", max / scale));
        argmaxAgree += argmax(c) == argmax(d) ? 1 : 0;
      }
      System.out.printf("parity %s (%s KV cache on both): max |device - cpu| / max |cpu| per position%s; argmax "
          + "agrees at %d/%d%n", model, kv, diffs, argmaxAgree, prompt.length);
      assertTrue(worst <= tolerance, model + ": relative logit difference " + worst + " > " + tolerance);
      assertEquals(prompt.length, argmaxAgree, model + ": greedy choice differs");
    }
  }

  static int[] prompt(int vocab, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = (int) ((i * 2654435761L + 7) % vocab);
    }
    return p;
  }

  static int argmax(float[] x) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (x[i] > x[best]) {
        best = i;
      }
    }
    return best;
  }
}
