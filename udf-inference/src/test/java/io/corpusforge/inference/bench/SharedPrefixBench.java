package io.corpusforge.inference.bench;

import io.corpusforge.inference.EngineOptions;
import io.corpusforge.inference.GenerationRequest;
import io.corpusforge.inference.GenerationResult;
import io.corpusforge.inference.LocalEngine;
import io.corpusforge.inference.SamplingParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The generate job's shape through the public API: REQUESTS greedy requests of NEW_TOKENS new tokens whose prompts
 * share a prefix of about PREFIX_TOKENS tokens ({@link #prompts}), PARALLEL sequences at a time (continuous batching,
 * prefix cache on). Prints aggregate generated tokens per second; oracle/engine-shared-prefix.mjs runs the same
 * prompts on llama.cpp with the same number of parallel sequences.
 *
 * <pre>java ... SharedPrefixBench MODEL.gguf THREADS [REQUESTS=64] [NEW_TOKENS=128] [PREFIX_TOKENS=200] [PARALLEL=16]
 *     [PROMPTS.json: write the prompts there for the llama.cpp side and stop]</pre>
 */
public final class SharedPrefixBench {
  private SharedPrefixBench() {}

  /** The prompts: one prefix sentence repeated to about {@code prefixTokens} tokens, then a per-request suffix. */
  static List<String> prompts(LocalEngine e, int requests, int prefixTokens) {
    StringBuilder prefix = new StringBuilder("你是一名电商文案编辑。请根据商品信息写一段商品文案。\n");
    while (e.countTokens(prefix.toString()) < prefixTokens) {
      prefix.append("示例：这款纯棉T恤透气舒适，版型宽松，适合日常通勤和周末出游。\n");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      out.add(prefix + "商品：第" + i + "号商品，颜色" + (i % 7) + "，尺码" + (i % 5) + "。\n文案：");
    }
    return out;
  }

  public static void main(String[] args) throws java.io.IOException {
    Path model = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    int requests = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    int newTokens = args.length > 3 ? Integer.parseInt(args[3]) : 128;
    int prefixTokens = args.length > 4 ? Integer.parseInt(args[4]) : 200;
    int parallel = args.length > 5 ? Integer.parseInt(args[5]) : 16;
    try (LocalEngine e = LocalEngine.load(model, new EngineOptions(threads, parallel, 512))) {
      List<String> prompts = prompts(e, requests, prefixTokens);
      if (args.length > 6) {
        java.nio.file.Files.writeString(Path.of(args[6]),
            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(prompts));
        return;
      }
      List<GenerationRequest> batch = new ArrayList<>();
      for (int i = 0; i < prompts.size(); i++) {
        batch.add(new GenerationRequest("r" + i, prompts.get(i), false, SamplingParams.greedy(newTokens), 0));
      }
      e.generate(batch.subList(0, Math.min(parallel, batch.size()))); // JIT warm-up (and a warm prefix cache)
      long t0 = System.nanoTime();
      List<GenerationResult> results = e.generate(batch);
      double seconds = (System.nanoTime() - t0) / 1e9;
      long generated = results.stream().mapToLong(GenerationResult::generatedTokens).sum();
      long cached = results.stream().mapToLong(GenerationResult::cachedPromptTokens).sum();
      long promptTokens = results.stream().mapToLong(GenerationResult::promptTokens).sum();
      System.out.printf("java  %s threads=%d shared prefix: %d requests (prompt %d tokens, %d from the prefix cache)"
          + " x %d new, %d parallel: %d generated in %.1f s = %.2f tok/s%n", model.getFileName(), threads, requests,
          promptTokens / requests, cached, newTokens, parallel, generated, seconds, generated / seconds);
    }
  }
}
