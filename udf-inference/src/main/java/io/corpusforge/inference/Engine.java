package io.corpusforge.inference;

import java.nio.file.Path;
import java.util.List;

/**
 * A loaded model ready to generate text. Thread-safe: concurrent {@link #generate} calls are serialized.
 * One engine per JVM is the intended use (it owns a thread pool and the KV cache).
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

  /** SHA-256 of the model file, hex: identifies the model in outputs and reports. */
  String modelSha256();

  /** Tokens per sequence (prompt + generated) this engine holds. */
  int contextLength();

  /** Tokens of {@code text} as a plain prompt would encode it (without BOS). */
  int countTokens(String text);

  @Override
  void close();
}
