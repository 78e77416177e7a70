package io.corpusforge.inference;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A loaded model ready to generate text. Thread-safe: the requests of concurrent {@link #generate} and
 * {@link #submit} calls share forward steps. One engine per JVM is the intended use (it owns a thread pool and the
 * KV cache).
 */
public interface Engine extends AutoCloseable {

  /**
   * Loads a GGUF model on the CPU backend.
   *
   * @throws io.corpusforge.inference.gguf.GgufException when the file is missing, corrupt or of an unsupported
   *     architecture or tensor type
   */
  static Engine load(Path gguf, EngineOptions options) {
    return LocalEngine.load(gguf, options);
  }

  /** Generates for every request, batching internally; results come back in request order. */
  List<GenerationResult> generate(List<GenerationRequest> requests);

  /**
   * Queues the requests and returns at once: one future per request, in order, each completed with the request's
   * result (an error result, never an exception, when the request fails). {@code source} names the submitter (a
   * Spark task) in {@link #stepStatistics()}.
   */
  List<CompletableFuture<GenerationResult>> submit(List<GenerationRequest> requests, String source);

  /** What the forward steps carried so far. */
  StepStatistics stepStatistics();

  /** SHA-256 of the model file, hex: identifies the model in outputs and reports. */
  String modelSha256();

  /** Tokens per sequence (prompt + generated) this engine holds. */
  int contextLength();

  /** Tokens of {@code text} as a plain prompt would encode it (without BOS). */
  int countTokens(String text);

  @Override
  void close();
}
