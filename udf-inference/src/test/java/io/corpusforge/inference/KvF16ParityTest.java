package io.corpusforge.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.inference.backend.KvType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The F16 KV cache against llama.cpp with an F16 KV cache (golden files {@code <model>.kv-f16.golden.json}, written
 * by {@code KV=F16 node oracle/engine-golden.mjs}). Keys and values are rounded to fp16 on both sides, and so are the
 * query and the attention weights that meet them (llama.cpp's F16 dot products). Nearly every position agrees to
 * the golden file's precision, as with the F32 cache; a 1-ulp difference upstream can flip one fp16 rounding, which
 * moves a position by up to one fp16 step: the bound is the F32 cache's per fixture, at least F16 weights' 5e-3.
 */
class KvF16ParityTest {
  /** One fp16 rounding step's effect on the fixtures' logits (the F16-weight fixture's bound). */
  static final double F16_STEP = 5e-3;

  static Stream<String> fixtures() {
    return Stream.of("llama-spm-f32", "llama-bpe-q8_0", "qwen2-q4_0", "qwen3-f16");
  }

  static JsonNode golden(String name) throws IOException {
    return new ObjectMapper().readTree(LlamaCppParityTest.DIR.resolve(name + ".kv-f16.golden.json").toFile());
  }

  static LocalEngine engine(String name) {
    return LocalEngine.load(LlamaCppParityTest.DIR.resolve(name + ".gguf"),
        new EngineOptions(2, 4, 256, true, 0, KvType.F16));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void logitsMatchLlamaCppWithAnF16Cache(String name) throws IOException {
    try (LocalEngine e = engine(name)) {
      LlamaCppParityTest.assertLogitsMatch(name + " (F16 KV)", golden(name), e,
          Math.max(LlamaCppParityTest.BOUND.get(name), F16_STEP), LlamaCppParityTest.CLOSE);
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void greedyContinuationsMatchLlamaCppWithAnF16Cache(String name) throws IOException {
    try (LocalEngine e = engine(name)) {
      for (JsonNode c : golden(name).get("greedy")) {
        GenerationResult r = e.generate(List.of(new GenerationRequest("g", c.get("text").asText(), false,
            SamplingParams.greedy(24), 0))).get(0);
        List<Integer> expected = new ArrayList<>();
        c.get("generated").forEach(t -> expected.add(t.asInt()));
        assertEquals(expected.size() < 24 ? "stop" : "length", r.finishReason(), name);
        assertEquals(c.get("textOut").asText(), r.text(), name + ": greedy after '" + c.get("text").asText() + "'");
      }
    }
  }
}
