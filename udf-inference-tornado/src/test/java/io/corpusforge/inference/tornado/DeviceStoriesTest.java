package io.corpusforge.inference.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.corpusforge.inference.EngineOptions;
import io.corpusforge.inference.GenerationRequest;
import io.corpusforge.inference.GenerationResult;
import io.corpusforge.inference.LocalEngine;
import io.corpusforge.inference.SamplingParams;
import io.corpusforge.inference.backend.BackendChoice;
import io.corpusforge.inference.backend.KvType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real trained model (../shared, not shipped) through the whole engine with engine.backend=tornado (found by
 * ServiceLoader): 16 greedy requests of different prompts and lengths, batched by the scheduler, give the CPU
 * backend's text; the first one is llama.cpp's known continuation.
 */
class DeviceStoriesTest {
  static final String EXPECTED = ", there was a little girl named Lily. She loved to play outside in the park."
      + " One day, she saw a big, red ball.";

  static final String[] PROMPTS = {"Once upon a time", "The cat", "Lily and Tom", "One day", "She was happy",
      "The big dog", "A little bird", "Mom said"};

  static Path model() {
    Path model = Path.of(System.getProperty("project.root", "..")).resolve("../shared/models/stories260K.gguf")
        .normalize();
    assumeTrue(Files.isReadable(model), "skipped: " + model + " absent (evaluation material in ../shared)");
    return model;
  }

  static List<GenerationRequest> greedyBatch() {
    List<GenerationRequest> batch = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      batch.add(new GenerationRequest("r" + i, PROMPTS[i % PROMPTS.length], false, SamplingParams.greedy(
          i == 0 ? 40 : 20 + i), i));
    }
    return batch;
  }

  @Test
  void withAnF16KvCacheTheGreedyTextEqualsTheCpuBackendsF16() {
    Path model = model();
    List<GenerationRequest> batch = greedyBatch();
    EngineOptions options = new EngineOptions(2, 16, 256, true, BackendChoice.CPU, 0, KvType.F16);
    List<GenerationResult> cpu;
    try (LocalEngine e = LocalEngine.load(model, options)) {
      cpu = e.generate(batch);
    }
    try (LocalEngine e = LocalEngine.load(model, options.withBackend(BackendChoice.of("tornado", "", 0)))) {
      assertInstanceOf(TornadoBackend.class, e.backend());
      List<GenerationResult> dev = e.generate(batch);
      for (int i = 0; i < batch.size(); i++) {
        assertEquals(cpu.get(i).text(), dev.get(i).text(), "request " + i);
        assertTrue(dev.get(i).generatedTokens() > 0);
      }
      System.out.println("stories260K with an F16 KV cache: 16 greedy requests on the device identical to the CPU "
          + "backend's F16 KV cache; r0 = '" + dev.get(0).text() + "'");
    }
  }

  @Test
  void greedyTextEqualsTheCpuBackendsAndLlamaCpps() {
    Path model = model();
    String[] prompts = PROMPTS;
    List<GenerationRequest> batch = greedyBatch();
    // a greedy request with a repetition penalty needs its logits on the host (the sampler alters them)
    List<GenerationRequest> penalized = List.of(new GenerationRequest("p", prompts[0], false,
        new SamplingParams(0, 0, 1, 0, 1.3, 0, 30, List.of()), 0));
    EngineOptions options = new EngineOptions(2, 16, 256);
    List<GenerationResult> cpu;
    List<GenerationResult> cpuPenalized;
    try (LocalEngine e = LocalEngine.load(model, options.withBackend(BackendChoice.CPU))) {
      cpu = e.generate(batch);
      cpuPenalized = e.generate(penalized);
    }
    try (LocalEngine e = LocalEngine.load(model, options.withBackend(BackendChoice.of("tornado", "", 0)))) {
      TornadoBackend device = assertInstanceOf(TornadoBackend.class, e.backend());
      System.out.println(DeviceFixture.deviceLine(device));
      List<GenerationResult> dev = e.generate(batch);
      for (int i = 0; i < batch.size(); i++) {
        assertEquals(cpu.get(i).text(), dev.get(i).text(), "request " + i);
        assertTrue(dev.get(i).generatedTokens() > 0);
      }
      assertEquals(EXPECTED, dev.get(0).text());
      // plain greedy requests take the device's argmax: not one logit row came back
      assertEquals(0, device.logitRowsCopied(), "logit rows copied back for greedy requests");
      List<GenerationResult> devPenalized = e.generate(penalized);
      assertEquals(cpuPenalized.get(0).text(), devPenalized.get(0).text());
      assertNotEquals(cpu.get(0).text(), devPenalized.get(0).text(), "the penalty changes the text");
      long rows = device.logitRowsCopied();
      int chosen = devPenalized.get(0).generatedTokens();
      assertTrue(rows == chosen || rows == chosen + 1, rows + " logit rows for " + chosen
          + " tokens (+1 when the last choice was the end of generation)");
      System.out.println("stories260K on the device: 16 greedy requests identical to the CPU backend, 0 logit rows"
          + " copied back (device argmax); r0 = '" + dev.get(0).text() + "'; with repetition penalty 1.3 (logits to"
          + " the host sampler, " + device.logitRowsCopied() + " rows): identical to the CPU, '"
          + devPenalized.get(0).text() + "'");
    }
  }
}
