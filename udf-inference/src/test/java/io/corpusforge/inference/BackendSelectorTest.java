package io.corpusforge.inference;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.inference.backend.BackendChoice;
import io.corpusforge.inference.cpu.CpuBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The default build has no device backend on the classpath: auto runs on the CPU, tornado says what is missing. */
class BackendSelectorTest {
  static final Path MODEL = Path.of("src/test/resources/engine-fixtures/llama-spm-f32.gguf");

  @Test
  void autoAndCpuRunOnTheCpuBackend() {
    for (BackendChoice c : new BackendChoice[] {BackendChoice.AUTO, BackendChoice.CPU}) {
      try (LocalEngine e = LocalEngine.load(MODEL, new EngineOptions(1, 2, 64).withBackend(c))) {
        assertInstanceOf(CpuBackend.class, e.backend());
      }
    }
  }

  @Test
  void tornadoWithoutItsModuleFailsWithTheReason() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalEngine.load(MODEL,
        new EngineOptions(1, 2, 64).withBackend(BackendChoice.of("tornado", "", 0))));
    assertTrue(e.getMessage().contains("udf-inference-tornado"), e.getMessage());
  }

  @Test
  void anUnknownBackendNameIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BackendChoice.of("cuda", "", 0));
    assertTrue(e.getMessage().contains("auto, cpu or tornado"), e.getMessage());
  }
}
