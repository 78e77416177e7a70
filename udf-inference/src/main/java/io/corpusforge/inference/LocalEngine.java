package io.corpusforge.inference;

import java.nio.file.Path;

/** The in-process engine: tokenizer, scheduler and a backend in this JVM. */
final class LocalEngine {
  private LocalEngine() {}

  static Engine load(Path gguf, EngineOptions options) {
    throw new UnsupportedOperationException("the CPU backend is not committed yet");
  }
}
