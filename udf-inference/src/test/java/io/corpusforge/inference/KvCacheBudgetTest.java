package io.corpusforge.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.inference.backend.KvBudget;
import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.cpu.CpuBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The KV cache stays within its byte budget: a request that cannot get memory fails alone, the others go on. */
class KvCacheBudgetTest {
  static final Path MODEL = Path.of("src/test/resources/engine-fixtures/qwen3-f16.gguf");

  static GenerationRequest greedy(String id, String prompt, int max) {
    return new GenerationRequest(id, prompt, false, SamplingParams.greedy(max), 0);
  }

  @Test
  void budgetIsCheckedAgainstTheHeapWhenTheEngineStarts() {
    long heap = 1L << 30;
    assertEquals(heap / 4, KvBudget.resolve(0, Long.MAX_VALUE, heap));
    assertEquals(1000, KvBudget.resolve(0, 1000, heap)); // never more than a full cache needs
    assertEquals(heap / 2, KvBudget.resolve(heap / 2, Long.MAX_VALUE, heap));
    IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class,
        () -> KvBudget.resolve(heap / 2 + 1, Long.MAX_VALUE, heap));
    assertTrue(tooLarge.getMessage().contains("kv-cache-bytes"), tooLarge.getMessage());
    long moreThanTheHeap = Runtime.getRuntime().maxMemory();
    IllegalArgumentException atLoad = assertThrows(IllegalArgumentException.class, () -> LocalEngine.load(MODEL,
        new EngineOptions(1, 4, 128, true, moreThanTheHeap, KvType.F32)));
    assertTrue(atLoad.getMessage().contains("more than half of the JVM's max heap"), atLoad.getMessage());
  }

  @Test
  void aRequestThatCannotGetKvMemoryFailsAloneAndTheOthersGoOn() {
    List<GenerationRequest> batch = List.of(greedy("short1", "今天天气很好", 8),
        greedy("long", "The quick brown fox", 120), greedy("short2", "这家商店的衣服", 8),
        greedy("short3", "The quick brown fox", 8));
    try (LocalEngine unbounded = LocalEngine.load(MODEL, new EngineOptions(2, 4, 128))) {
      List<GenerationResult> expected = unbounded.generate(batch);
      assertEquals(GenerationResult.LENGTH, expected.get(1).finishReason());
      long perPosition = CpuBackend.kvBytesPerPosition(unbounded.spec(), KvType.F32);
      // room for 40 positions over all slots: the long request (120 new tokens) can never fit, the short ones
      // (prompt + 8) fit one or two at a time
      try (LocalEngine bounded = LocalEngine.load(MODEL,
          new EngineOptions(2, 4, 128, true, 40 * perPosition, KvType.F32))) {
        for (int round = 0; round < 2; round++) { // the budget is whole again after a failure
          List<GenerationResult> got = bounded.generate(batch);
          for (int i : new int[] {0, 2, 3}) {
            assertEquals(expected.get(i).text(), got.get(i).text(), "round " + round + " request " + i);
            assertEquals(expected.get(i).finishReason(), got.get(i).finishReason());
          }
          GenerationResult failed = got.get(1);
          assertEquals(GenerationResult.ERROR, failed.finishReason());
          assertTrue(failed.error().startsWith("KV cache full"), failed.error());
          assertEquals(0, failed.generatedTokens());
          assertTrue(((CpuBackend) bounded.backend()).kvCacheBytesUsed() <= 40 * perPosition);
        }
      }
    }
  }

  @Test
  void f16CacheTakesHalfTheMemory() {
    try (LocalEngine e = LocalEngine.load(MODEL, new EngineOptions(1, 2, 128, true, 0, KvType.F16))) {
      assertEquals(CpuBackend.kvBytesPerPosition(e.spec(), KvType.F32) / 2,
          CpuBackend.kvBytesPerPosition(e.spec(), KvType.F16));
      GenerationRequest r = greedy("a", "今天天气很好", 4);
      e.generate(List.of(r));
      // a sequence's memory is reserved when it starts: prompt + new tokens, at 2 bytes a value
      assertEquals((e.promptTokens(r).length + 4) * CpuBackend.kvBytesPerPosition(e.spec(), KvType.F16),
          ((CpuBackend) e.backend()).kvCacheBytesUsed());
    }
  }
}
