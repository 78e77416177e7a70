package io.corpusforge.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.inference.backend.SequenceStep;
import io.corpusforge.inference.sampling.Sampler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against llama.cpp on the fixture models (src/test/resources/engine-fixtures, golden files written by
 * oracle/engine-golden.mjs): identical tokenization, logits within a per-type tolerance at every prompt position,
 * identical greedy continuations.
 *
 * <p>Tolerance, documented in docs/generate-text.md: both sides round activations to the weight type's dot-product
 * type (F16, BF16, Q8_0, Q8_K) the same way, so nearly every position agrees to the precision of the golden file
 * (6 significant digits: {@link #CLOSE}). A 1-ulp float difference upstream (libm, summation order) can still flip
 * one activation's rounding, which moves that position's logits by up to about one rounding step of the type
 * ({@link #BOUND}); such positions must be rare ({@link #MAX_FLIPPED_SHARE}). A real error (block layout, rope
 * pairing, a bias) moves every position by 0.1 or more.
 */
class LlamaCppParityTest {
  static final Path DIR = Path.of("src/test/resources/engine-fixtures");
  /** Agreement to the golden file's precision (logits of magnitude up to ~10 written with 6 digits). */
  static final double CLOSE = 5e-5;
  /** Largest difference at any position, per fixture (its weight types' activation rounding step). */
  static final Map<String, Double> BOUND = Map.of(
      "llama-spm-f32", 1e-4,
      "llama-bpe-q8_0", 5e-2,
      "qwen2-q4_0", 5e-2,
      "qwen3-f16", 5e-3,
      "qwen3-q4_k", 5e-2,
      "llama-q5-q4_1", 5e-2,
      // no tokenizer.ggml.add_bos_token in the file: llama.cpp adds BOS for the llama-bpe pre-tokenizer
      "llama-bpe-implicit-bos", 5e-2);
  static final double MAX_FLIPPED_SHARE = 0.25;

  static Stream<String> fixtures() {
    return BOUND.keySet().stream().sorted();
  }

  static JsonNode golden(String name) throws IOException {
    return new ObjectMapper().readTree(DIR.resolve(name + ".golden.json").toFile());
  }

  static LocalEngine engine(String name) {
    return LocalEngine.load(DIR.resolve(name + ".gguf"), new EngineOptions(2, 4, 256));
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void tokenizesLikeLlamaCpp(String name) throws IOException {
    JsonNode g = golden(name);
    try (LocalEngine e = engine(name)) {
      for (JsonNode t : g.get("tokenize")) {
        assertArrayEquals(ints(t.get("tokens")), e.tokenizer().encode(t.get("text").asText(), false),
            name + ": " + t.get("text").asText());
      }
      for (JsonNode t : g.get("tokenizeSpecial")) {
        assertArrayEquals(ints(t.get("tokens")), e.tokenizer().encode(t.get("text").asText(), true),
            name + " (special): " + t.get("text").asText());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void logitsAtEveryPositionMatchLlamaCpp(String name) throws IOException {
    try (LocalEngine e = engine(name)) {
      assertLogitsMatch(name, golden(name), e, BOUND.get(name), CLOSE);
    }
  }

  /**
   * Logits at every prompt position within {@code bound}, and within {@code close} at all but
   * {@link #MAX_FLIPPED_SHARE} of them.
   */
  static void assertLogitsMatch(String name, JsonNode g, LocalEngine e, double bound, double close) {
    int positions = 0;
    int flipped = 0;
    for (JsonNode p : g.get("logits")) {
      int[] tokens = ints(p.get("tokens"));
      assertArrayEquals(tokens, e.promptTokens(new GenerationRequest("x", p.get("text").asText(), false,
          SamplingParams.greedy(1), 0)), name + ": prompt tokens (BOS rule)");
      float[][] ours = e.backend().step(List.of(new SequenceStep(0, 0, tokens, true))).get(0);
      JsonNode rows = p.get("rows");
      assertEquals(rows.size(), ours.length);
      StringBuilder report = new StringBuilder();
      for (int pos = 0; pos < ours.length; pos++) {
        JsonNode row = rows.get(pos);
        assertEquals(row.size(), ours[pos].length);
        double maxDiff = 0;
        for (int v = 0; v < ours[pos].length; v++) {
          maxDiff = Math.max(maxDiff, Math.abs(ours[pos][v] - row.get(v).asDouble()));
        }
        report.append(String.format(" %.1e", maxDiff));
        positions++;
        if (maxDiff > close) {
          flipped++;
        }
        assertTrue(maxDiff <= bound, name + " position " + pos + ": max logit difference " + maxDiff + " > "
            + bound);
      }
      System.out.printf("parity %s '%s': max |logit diff| per position%s%n", name, p.get("text").asText(),
          report);
    }
    assertTrue(flipped <= MAX_FLIPPED_SHARE * positions, name + ": " + flipped + " of " + positions
        + " positions differ by more than " + close);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void greedyContinuationsMatchLlamaCpp(String name) throws IOException {
    JsonNode g = golden(name);
    try (LocalEngine e = engine(name)) {
      for (JsonNode c : g.get("greedy")) {
        int[] prompt = ints(c.get("tokens"));
        int[] expected = ints(c.get("generated"));
        List<Integer> ours = new ArrayList<>();
        int pos = 0;
        int[] next = prompt;
        while (ours.size() < 24) {
          float[] logits = e.backend().step(List.of(new SequenceStep(0, pos, next, false))).get(0)[0];
          pos += next.length;
          int t = Sampler.argmax(logits);
          if (e.tokenizer().isEndOfGeneration(t)) {
            break;
          }
          ours.add(t);
          next = new int[] {t};
        }
        assertArrayEquals(expected, ours.stream().mapToInt(Integer::intValue).toArray(),
            name + ": greedy after '" + c.get("text").asText() + "'");
        // the public API gives the same: same count, and stops at EOG exactly when llama.cpp did
        GenerationResult r = e.generate(List.of(new GenerationRequest("g", c.get("text").asText(), false,
            SamplingParams.greedy(24), 0))).get(0);
        assertEquals(expected.length, r.generatedTokens());
        assertEquals(expected.length < 24 ? "stop" : "length", r.finishReason());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void greedyTextIsTheSameAloneAndInABatchOfSixteen(String name) {
    String[] prompts = {"Once upon a time", "这家商店的衣服", "The quick brown fox", "2024", "今天天气很好"};
    try (LocalEngine e = LocalEngine.load(DIR.resolve(name + ".gguf"), new EngineOptions(2, 16, 256))) {
      List<GenerationRequest> batch = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        batch.add(new GenerationRequest("r" + i, prompts[i % prompts.length] + " ".repeat(i / 5), false,
            SamplingParams.greedy(12 + i % 5), i));
      }
      List<GenerationResult> together = e.generate(batch);
      for (int i = 0; i < 16; i++) {
        GenerationResult alone = e.generate(List.of(batch.get(i))).get(0);
        assertEquals(alone.text(), together.get(i).text(), name + " request " + i);
        assertEquals(alone.generatedTokens(), together.get(i).generatedTokens(), name + " request " + i);
      }
    }
  }
}
