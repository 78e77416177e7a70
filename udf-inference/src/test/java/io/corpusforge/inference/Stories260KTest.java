package io.corpusforge.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real trained model (../shared, not shipped): greedy text must equal llama.cpp's, alone and in a batch. */
class Stories260KTest {
  static final String EXPECTED = ", there was a little girl named Lily. She loved to play outside in the park."
      + " One day, she saw a big, red ball.";
  static Path model;

  @BeforeAll
  static void find() {
    Path root = Path.of(System.getProperty("project.root", "."));
    model = root.resolve("../shared/models/stories260K.gguf").normalize();
  }

  @Test
  void greedyContinuationMatchesLlamaCpp() {
    assumeTrue(Files.isReadable(model), "skipped: " + model + " absent (evaluation material in ../shared)");
    try (LocalEngine engine = LocalEngine.load(model, new EngineOptions(2, 4, 0))) {
      GenerationRequest r = new GenerationRequest("a", "Once upon a time", false, SamplingParams.greedy(40), 0);
      assertArrayEquals(new int[] {1, 403, 407, 261, 378}, engine.promptTokens(r)); // llama.cpp's tokens
      GenerationResult res = engine.generate(List.of(r)).get(0);
      assertEquals(EXPECTED, res.text());
      assertEquals(5, res.promptTokens());
      assertEquals(40, res.generatedTokens());
      assertEquals("length", res.finishReason());
    }
  }

  @Test
  void batchOfSixteenGivesTheSameGreedyTextAsOneAlone() {
    assumeTrue(Files.isReadable(model), "skipped: " + model + " absent (evaluation material in ../shared)");
    String[] prompts = {"Once upon a time", "The cat", "Lily and Tom", "One day", "She was happy", "The big dog",
        "A little bird", "Mom said"};
    try (LocalEngine engine = LocalEngine.load(model, new EngineOptions(2, 16, 256))) {
      List<GenerationRequest> batch = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        batch.add(new GenerationRequest("r" + i, prompts[i % prompts.length], false,
            SamplingParams.greedy(20 + i), i));
      }
      List<GenerationResult> together = engine.generate(batch);
      for (int i = 0; i < 16; i++) {
        GenerationResult alone = engine.generate(List.of(batch.get(i))).get(0);
        assertEquals(alone.text(), together.get(i).text(), "request " + i);
        assertEquals("r" + i, together.get(i).id());
      }
    }
  }
}
