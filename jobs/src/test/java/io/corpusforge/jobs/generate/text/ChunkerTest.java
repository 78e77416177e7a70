package io.corpusforge.jobs.generate.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  // one token per character: easy to reason about; the job passes the model's tokenizer instead
  private static final ToIntFunction<String> CHARS = s -> s.codePointCount(0, s.length());

  @Test
  void shortTextIsOneChunk() {
    assertEquals(List.of("第一句。第二句。"), Chunker.chunks("第一句。第二句。", 100, CHARS));
  }

  @Test
  void packsWholeSentencesUpToTheBudget() {
    assertEquals(List.of("一二三。四五。", "六七八九。"), Chunker.chunks("一二三。四五。六七八九。", 7, CHARS));
  }

  @Test
  void cutsASentenceLongerThanTheBudget() {
    List<String> chunks = Chunker.chunks("短句。" + "长".repeat(25) + "。尾。", 10, CHARS);
    assertEquals("短句。", chunks.get(0));
    assertEquals("尾。", chunks.get(chunks.size() - 1));
    assertTrue(chunks.stream().allMatch(c -> CHARS.applyAsInt(c) <= 10), chunks::toString);
    assertEquals("短句。" + "长".repeat(25) + "。尾。", String.join("", chunks));
  }

  @Test
  void budgetMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> Chunker.chunks("x", 0, CHARS));
  }
}
