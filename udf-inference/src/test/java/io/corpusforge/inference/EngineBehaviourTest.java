package io.corpusforge.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.inference.backend.SequenceStep;
import io.corpusforge.inference.gguf.GgufException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scheduler, stop strings, limits, seeds and chat prompts on the fixture models (no llama.cpp needed). */
class EngineBehaviourTest {
  static final Path DIR = Path.of("src/test/resources/engine-fixtures");
  static LocalEngine llama;
  static LocalEngine qwen;

  @BeforeAll
  static void load() {
    llama = LocalEngine.load(DIR.resolve("llama-spm-f32.gguf"), new EngineOptions(2, 4, 128));
    qwen = LocalEngine.load(DIR.resolve("qwen3-f16.gguf"), new EngineOptions(2, 16, 128));
  }

  @AfterAll
  static void close() {
    llama.close();
    qwen.close();
  }

  static GenerationRequest greedy(String id, String prompt, int max) {
    return new GenerationRequest(id, prompt, false, SamplingParams.greedy(max), 0);
  }

  @Test
  void stopStringEndsTheTextBeforeIt() {
    GenerationResult free = llama.generate(List.of(greedy("a", "The quick brown fox", 24))).get(0);
    assertEquals(24, free.generatedTokens());
    String text = free.text();
    String stop = text.substring(6, 9);
    int cut = text.indexOf(stop);
    SamplingParams withStop = new SamplingParams(0, 0, 1, 0, 1, 0, 24, List.of("never-there", stop));
    GenerationResult stopped = llama.generate(List.of(new GenerationRequest("b", "The quick brown fox", false,
        withStop, 0))).get(0);
    assertEquals(text.substring(0, cut), stopped.text());
    assertEquals("stop", stopped.finishReason());
    assertTrue(stopped.generatedTokens() < 24);
  }

  @Test
  void streamingPiecesAddUpToTheResultAndHoldBackStopPrefixes() {
    StringBuilder streamed = new StringBuilder();
    GenerationResult r = llama.generate(greedy("s", "今天天气很好", 20), streamed::append);
    assertEquals(r.text(), streamed.toString());
    String full = r.text();
    String stop = full.substring(4, 6);
    StringBuilder streamed2 = new StringBuilder();
    GenerationResult r2 = llama.generate(new GenerationRequest("s2", "今天天气很好", false,
        new SamplingParams(0, 0, 1, 0, 1, 0, 20, List.of(stop)), 0), streamed2::append);
    assertEquals(r2.text(), streamed2.toString());
    assertEquals(full.substring(0, full.indexOf(stop)), r2.text());
  }

  @Test
  void limitsAndBadRequestsGiveResultsNotExceptions() {
    List<GenerationResult> rs = llama.generate(List.of(
        greedy("zero", "hello", 0),
        greedy("long", "word ".repeat(200), 5),
        greedy("ok", "hello", 3),
        new GenerationRequest("ctx", "hello", false, SamplingParams.greedy(1000), 0)));
    assertEquals("length", rs.get(0).finishReason());
    assertEquals("", rs.get(0).text());
    assertEquals("error", rs.get(1).finishReason());
    assertTrue(rs.get(1).error().contains("does not fit the context length 128"), rs.get(1).error());
    assertEquals(3, rs.get(2).generatedTokens());
    assertEquals("ok", rs.get(2).id());
    assertEquals("length", rs.get(3).finishReason());
    assertEquals(128, rs.get(3).promptTokens() + rs.get(3).generatedTokens());
  }

  @Test
  void seededSamplingDoesNotDependOnTheBatch() {
    SamplingParams p = new SamplingParams(0.9, 40, 0.95, 0.02, 1.1, 0.1, 16, List.of());
    List<GenerationRequest> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(new GenerationRequest("r" + i, i % 2 == 0 ? "The quick brown fox" : "这家商店", i % 3 == 0, p, i));
    }
    List<GenerationResult> together = qwen.generate(batch);
    for (int i : new int[] {0, 5, 19}) {
      assertEquals(together.get(i).text(), qwen.generate(List.of(batch.get(i))).get(0).text(), "request " + i);
    }
    assertNotEquals(together.get(0).text(), together.get(2).text()); // same prompt, other seed
  }

  @Test
  void chatPromptsUseTheTemplate() {
    int[] tokens = qwen.promptTokens(new GenerationRequest("c", "hi", true, SamplingParams.greedy(1), 0));
    int[] expected = qwen.tokenizer().encode("<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n", true);
    assertArrayEquals(expected, tokens);
    assertEquals("<|im_start|>", qwen.tokenizer().token(tokens[0]));
    try (LocalEngine llama3 = LocalEngine.load(DIR.resolve("llama-bpe-q8_0.gguf"), new EngineOptions(1, 1, 64))) {
      int[] t = llama3.promptTokens(new GenerationRequest("c", "hi", true, SamplingParams.greedy(1), 0));
      assertEquals("<|begin_of_text|>", llama3.tokenizer().token(t[0])); // BOS from add_bos_token
      assertEquals("<|start_header_id|>", llama3.tokenizer().token(t[1]));
      assertArrayEquals(llama3.tokenizer().encode("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n"
          + "hi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n", true), t);
      assertTrue(llama3.tokenizer().isEndOfGeneration(llama3.tokenizer().encode("<|eot_id|>", true)[0]));
    }
    // the SentencePiece fixture has no template: a clear per-request error
    GenerationResult r = llama.generate(List.of(new GenerationRequest("c", "hi", true, SamplingParams.greedy(1),
        0))).get(0);
    assertEquals("error", r.finishReason());
    assertTrue(r.error().contains("chat template"), r.error());
  }

  @Test
  void countsTokensAndHashesTheModel() {
    assertEquals(llama.tokenizer().encode("The quick brown fox", false).length, llama.countTokens("The quick brown fox"));
    assertEquals(64, llama.modelSha256().length());
    assertEquals(128, llama.contextLength());
  }

  @Test
  void unsupportedArchitectureIsAClearError() {
    byte[] bytes = new io.corpusforge.inference.gguf.GgufWriter().putString("general.architecture", "mamba")
        .toBytes();
    Path p = Path.of(System.getProperty("java.io.tmpdir"), "mamba-" + System.nanoTime() + ".gguf");
    try {
      java.nio.file.Files.write(p, bytes);
      GgufException e = assertThrows(GgufException.class, () -> LocalEngine.load(p, EngineOptions.defaults()));
      assertTrue(e.getMessage().contains("unsupported architecture 'mamba'"), e.getMessage());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      p.toFile().delete();
    }
  }

  @Test
  void smallStepBudgetsChunkPromptsWithoutChangingResults() {
    List<GenerationRequest> batch = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      batch.add(greedy("c" + i, "The quick brown fox jumps over the lazy dog. ".repeat(1 + i % 3), 10));
    }
    List<GenerationResult> expected = qwen.generate(batch);
    // an engine of its own: schedulers made here write KV-cache slots behind the engine's own scheduler's back
    try (LocalEngine e = LocalEngine.load(DIR.resolve("qwen3-f16.gguf"), new EngineOptions(2, 16, 128))) {
      for (int budget : new int[] {1, 5, 17}) {
        for (boolean reuse : new boolean[] {false, true}) {
          Scheduler scheduler = new Scheduler(e.backend(), e.tokenizer(), budget, reuse);
          List<Scheduler.Sequence> seqs = new ArrayList<>();
          for (GenerationRequest r : batch) {
            seqs.add(new Scheduler.Sequence(r, e.promptTokens(r), e.contextLength(), e.tokenizer(), null, 0));
          }
          scheduler.run(seqs);
          for (int i = 0; i < batch.size(); i++) {
            assertEquals(expected.get(i).text(), seqs.get(i).result.text(), "budget " + budget + " request " + i);
          }
        }
      }
    }
  }

  @Test
  void copiedPrefixGivesTheSameLogitsAsComputingIt() {
    try (LocalEngine e = LocalEngine.load(DIR.resolve("qwen2-q4_0.gguf"), new EngineOptions(2, 3, 128))) {
      int[] tokens = e.tokenizer().encode("这家商店的衣服质量很好，价格也不贵。The quick brown fox.", false);
      int n = tokens.length;
      float[] computed = e.backend().step(List.of(new SequenceStep(0, 0, tokens, false))).get(0)[0];
      e.backend().step(List.of(new SequenceStep(2, 0, new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, false)));
      e.backend().copyPrefix(0, 2, n - 1);
      float[] reused = e.backend().step(List.of(new SequenceStep(2, n - 1, new int[] {tokens[n - 1]}, false)))
          .get(0)[0];
      assertArrayEquals(computed, reused);
    }
  }

  @Test
  void prefixCacheSkipsSharedPromptTokensWithoutChangingResults() {
    String template = "你是一名电商文案编辑。请根据商品信息写一个商品短标题，语言自然。\n示例：宽松的裤子和简约的衬衫都很受欢迎。\n商品：";
    SamplingParams p = new SamplingParams(0.9, 40, 0.95, 0.02, 1.1, 0.1, 12, List.of());
    List<GenerationRequest> batch = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      batch.add(new GenerationRequest("p" + i, template + "纯棉T恤" + i, i % 3 == 0, p, i));
    }
    Path model = DIR.resolve("qwen3-f16.gguf");
    try (LocalEngine cold = LocalEngine.load(model, new EngineOptions(2, 4, 256, false));
        LocalEngine warm = LocalEngine.load(model, new EngineOptions(2, 4, 256, true))) {
      List<GenerationResult> expected = cold.generate(batch);
      List<GenerationResult> first = warm.generate(batch);
      List<GenerationResult> again = warm.generate(batch);
      int shared = Integer.MAX_VALUE; // prompt tokens every request shares with another one of its kind
      for (GenerationRequest r : batch) {
        int[] a = warm.promptTokens(r);
        int[] b = warm.promptTokens(batch.get(r.chat() ? 3 : 1));
        int k = 0;
        while (k < a.length && k < b.length && a[k] == b[k]) {
          k++;
        }
        shared = Math.min(shared, Math.min(k, a.length - 1));
      }
      assertTrue(shared > 20, "shared prefix " + shared);
      long cachedFirst = 0;
      for (int i = 0; i < batch.size(); i++) {
        assertEquals(0, expected.get(i).cachedPromptTokens());
        assertEquals(expected.get(i).text(), first.get(i).text(), "request " + i);
        assertEquals(expected.get(i).text(), again.get(i).text(), "request " + i);
        assertEquals(expected.get(i).promptTokens(), again.get(i).promptTokens());
        assertTrue(again.get(i).cachedPromptTokens() >= shared, "request " + i + ": " + again.get(i));
        assertTrue(again.get(i).cachedPromptTokens() < again.get(i).promptTokens());
        cachedFirst += first.get(i).cachedPromptTokens();
      }
      // the first call: only the first chat and the first plain prompt compute the template; the others wait for
      // it rather than being admitted into the empty slots alongside and computing it again
      assertTrue(cachedFirst >= (long) (batch.size() - 2) * shared, "cached " + cachedFirst);
    }
  }

  /** Copies a fixture, leaving out one metadata key or retyping one tensor as Q2_K (not computed). */
  static Path altered(String fixture, String dropKey, String q2kTensor) throws java.io.IOException {
    io.corpusforge.inference.gguf.GgufWriter w = new io.corpusforge.inference.gguf.GgufWriter();
    try (io.corpusforge.inference.gguf.GgufFile f = io.corpusforge.inference.gguf.GgufFile.open(
        DIR.resolve(fixture))) {
      f.metadata().forEach((k, v) -> {
        if (!k.equals(dropKey)) {
          w.put(k, f.metadataType(k), v);
        }
      });
      for (io.corpusforge.inference.gguf.GgufTensorInfo t : f.tensors().values()) {
        byte[] bytes = f.tensorData(t).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        if (t.name().equals(q2kTensor)) {
          long[] shape = {256, t.elements() / 256};
          w.addTensor(t.name(), io.corpusforge.inference.gguf.GgmlType.Q2_K, shape,
              new byte[(int) io.corpusforge.inference.gguf.GgmlType.Q2_K.bytesFor(t.elements())]);
        } else {
          w.addTensor(t.name(), t.type(), t.shape(), bytes);
        }
      }
    }
    Path p = java.nio.file.Files.createTempFile("altered", ".gguf");
    w.write(p);
    return p;
  }

  @Test
  void missingKeysAndUncomputableTypesNameWhatIsWrong() throws java.io.IOException {
    Path noWidth = altered("qwen3-q4_k.gguf", "qwen3.embedding_length", null);
    Path q2k = altered("qwen3-q4_k.gguf", null, "blk.0.ffn_up.weight");
    Path copy = altered("qwen3-q4_k.gguf", null, null);
    try {
      String msg = assertThrows(GgufException.class, () -> LocalEngine.load(noWidth, EngineOptions.defaults()))
          .getMessage();
      assertTrue(msg.contains("missing metadata key 'qwen3.embedding_length'"), msg);
      msg = assertThrows(GgufException.class, () -> LocalEngine.load(q2k, EngineOptions.defaults())).getMessage();
      assertTrue(msg.contains("'blk.0.ffn_up.weight'") && msg.contains("Q2_K"), msg);
      // an unaltered copy through reader and writer is the same model
      try (LocalEngine original = LocalEngine.load(DIR.resolve("qwen3-q4_k.gguf"), new EngineOptions(2, 2, 64));
          LocalEngine e = LocalEngine.load(copy, new EngineOptions(2, 2, 64))) {
        assertEquals(original.generate(List.of(greedy("a", "今天", 8))).get(0).text(),
            e.generate(List.of(greedy("a", "今天", 8))).get(0).text());
      }
    } finally {
      java.nio.file.Files.deleteIfExists(noWidth);
      java.nio.file.Files.deleteIfExists(q2k);
      java.nio.file.Files.deleteIfExists(copy);
    }
  }
}
