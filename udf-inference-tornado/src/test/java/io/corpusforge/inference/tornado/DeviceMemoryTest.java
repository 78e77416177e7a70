package io.corpusforge.inference.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.inference.EngineOptions;
import io.corpusforge.inference.GenerationRequest;
import io.corpusforge.inference.GenerationResult;
import io.corpusforge.inference.LocalEngine;
import io.corpusforge.inference.SamplingParams;
import io.corpusforge.inference.backend.BackendChoice;
import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.model.ModelSpec;
import io.corpusforge.inference.model.ModelWeights;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** engine.device-memory bounds what the backend allocates; what does not fit fails clearly, per request if it can. */
class DeviceMemoryTest {
  static final Path MODEL = DeviceFixture.FIXTURES.resolve("llama-spm-f32.gguf");

  @Test
  void theContextShrinksToTheBudgetAndALongerRequestFailsAlone() {
    long budget;
    try (GgufFile f = GgufFile.open(MODEL)) {
      ModelSpec s = ModelSpec.from(f);
      ModelWeights w = ModelWeights.load(f, s);
      int slots = 2;
      int tmax = TornadoBackend.DEFAULT_TMAX;
      int rmax = 64;
      long fixed = DeviceBuffers.weightBytes(w) + DeviceBuffers.activationBytes(s, tmax, rmax, 0);
      long other = 4L * tmax * s.heads() + 4L * s.ropeDim();
      long perPosition = DeviceBuffers.kvBytes(s, slots, 1, KvType.F32) + other;
      budget = fixed + 40 * perPosition;
      assertEquals(40, MemoryPlan.context(s, w, slots, 128, tmax, rmax, budget, Long.MAX_VALUE, KvType.F32));
      assertEquals(128, MemoryPlan.context(s, w, slots, 128, tmax, rmax, Long.MAX_VALUE, Long.MAX_VALUE,
          KvType.F32));
      // an F16 cache takes half the bytes per position: more positions in the same budget
      long perPositionF16 = DeviceBuffers.kvBytes(s, slots, 1, KvType.F16) + other;
      assertEquals(2 * DeviceBuffers.kvBytes(s, slots, 1, KvType.F16), DeviceBuffers.kvBytes(s, slots, 1, KvType.F32));
      assertEquals(40 * perPosition / perPositionF16, MemoryPlan.context(s, w, slots, 128, tmax, rmax, budget,
          Long.MAX_VALUE, KvType.F16));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> MemoryPlan.context(s, w, slots, 128, tmax, rmax, fixed, Long.MAX_VALUE, KvType.F32));
      assertTrue(e.getMessage().contains("does not fit the device memory"), e.getMessage());
    }
    EngineOptions options = new EngineOptions(1, 2, 128).withBackend(new BackendChoice(BackendChoice.Kind.TORNADO,
        "", budget));
    try (LocalEngine engine = LocalEngine.load(MODEL, options)) {
      assertEquals(40, engine.backend().contextLength());
      String longPrompt = "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(3);
      List<GenerationResult> r = engine.generate(List.of(
          new GenerationRequest("short", "a b", false, SamplingParams.greedy(8), 0),
          new GenerationRequest("long", longPrompt, false, SamplingParams.greedy(8), 0)));
      assertEquals(GenerationResult.LENGTH, r.get(0).finishReason(), r.get(0).toString());
      assertEquals(GenerationResult.ERROR, r.get(1).finishReason(), r.get(1).toString());
      System.out.println("device memory budget " + budget + " bytes: context 40, long request: " + r.get(1));
    }
  }
}
