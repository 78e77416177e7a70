package io.corpusforge.jobs.generate.run;

import io.corpusforge.inference.Engine;
import io.corpusforge.inference.GenerationRequest;
import io.corpusforge.inference.GenerationResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls into the engine for one partition: times them (the share of wall time spent outside the engine is the
 * job's overhead) and turns an exception for a whole batch into one error result per request, so a bad batch
 * never kills the task. Also counts the prompt tokens the engine's prefix cache spared (every call, summaries' chunk
 * and reduce calls included).
 */
public final class EngineCalls {
  private final Engine engine;
  private long nanos;
  private long cachedPromptTokens;

  public EngineCalls(Engine engine) {
    this.engine = engine;
  }

  public Engine engine() {
    return engine;
  }

  public List<GenerationResult> generate(List<GenerationRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    long start = System.nanoTime();
    try {
      List<GenerationResult> results = engine.generate(requests);
      if (results.size() != requests.size()) {
        throw new IllegalStateException("engine returned " + results.size() + " results for " + requests.size()
            + " requests");
      }
      for (GenerationResult r : results) {
        cachedPromptTokens += r.cachedPromptTokens();
      }
      return results;
    } catch (RuntimeException e) {
      long took = System.nanoTime() - start;
      List<GenerationResult> failed = new ArrayList<>(requests.size());
      for (GenerationRequest r : requests) {
        failed.add(GenerationResult.failed(r.id(), "engine: " + e, took));
      }
      return failed;
    } finally {
      nanos += System.nanoTime() - start;
    }
  }

  public long nanos() {
    return nanos;
  }

  /** Prompt tokens whose keys and values were reused rather than computed. */
  public long cachedPromptTokens() {
    return cachedPromptTokens;
  }
}
