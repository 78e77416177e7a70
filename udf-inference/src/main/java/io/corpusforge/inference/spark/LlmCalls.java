package io.corpusforge.inference.spark;

import io.corpusforge.inference.Engine;
import io.corpusforge.inference.GenerationRequest;
import io.corpusforge.inference.GenerationResult;
import io.corpusforge.inference.SamplingParams;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Rows to engine requests and back, for the SQL functions and the Transformer. A row that cannot become a request
 * (null prompt, a negative token limit, an argument that is not a number) gets an error result without reaching the
 * engine; an engine that fails a request gives an error result too. Only a missing or unreadable model (a
 * configuration error, not a bad row) throws.
 */
final class LlmCalls {
  private LlmCalls() {}

  /** What one row asks for; null arguments take the settings' values. */
  record RowCall(String prompt, Object maxNewTokens, Object temperature, Object seed) {}

  /** The executor's engine for these settings (and model path, when not the settings' own). */
  static Engine engine(LlmSettings settings, String model) {
    return EngineService.get(EngineService.localModel(model != null ? model : settings.model()),
        settings.engineOptions());
  }

  /** Submits one row; the future always completes with a result (an error result for a bad row). */
  static CompletableFuture<GenerationResult> submit(Engine engine, LlmSettings settings, String id, RowCall row,
      boolean chat, List<String> stop) {
    GenerationRequest request;
    try {
      request = request(settings, id, row, chat, stop);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(GenerationResult.failed(id, "bad row: " + e.getMessage(), 0));
    }
    try {
      return engine.submit(List.of(request), EngineService.source()).get(0);
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(GenerationResult.failed(id, "engine: " + e, 0));
    }
  }

  static GenerationRequest request(LlmSettings settings, String id, RowCall row, boolean chat, List<String> stop) {
    if (row.prompt() == null) {
      throw new IllegalArgumentException("the prompt is null");
    }
    Long n = number(row.maxNewTokens(), "max_new_tokens") == null ? null
        : number(row.maxNewTokens(), "max_new_tokens").longValue();
    if (n != null && (n < 0 || n > Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("max_new_tokens must be >= 0, got " + n);
    }
    Number t = number(row.temperature(), "temperature");
    Number seed = number(row.seed(), "seed");
    SamplingParams params = settings.sampling(n == null ? null : n.intValue(), t == null ? null : t.doubleValue(),
        stop);
    return new GenerationRequest(id, row.prompt(), chat, params, seed == null ? settings.seed() : seed.longValue());
  }

  /** A SQL argument as a number: any numeric type, or a string that parses as one; null stays null. */
  static Number number(Object value, String name) {
    if (value == null || value instanceof Number) {
      return (Number) value;
    }
    if (value instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a number, got '" + s + "'");
      }
    }
    throw new IllegalArgumentException(name + " must be a number, got " + value.getClass().getSimpleName());
  }

  /** Waits for a result; an interrupted or failed wait becomes an error result, never an exception. */
  static GenerationResult await(CompletableFuture<GenerationResult> f, String id) {
    try {
      return f.join();
    } catch (RuntimeException e) {
      return GenerationResult.failed(id, "engine: " + e, 0);
    }
  }
}
