package io.corpusforge.e2e.generate;

import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.gguf.GgufTensorInfo;
import io.corpusforge.inference.gguf.GgufWriter;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The engine's committed fixture models (random weights, real Chinese-capable BPE vocabularies) are trained for a
 * 256-token context, too short for the shipped Chinese prompt templates with their few-shot examples. This copies
 * one with the engine's own GGUF writer, changing only {@code <arch>.context_length}: RoPE works at any position,
 * so the copy is the same model with room for real prompts.
 */
public final class LongContextFixture {
  private LongContextFixture() {}

  public static Path fixture(String name) {
    Path p = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize()
        .resolve("udf-inference/src/test/resources/engine-fixtures").resolve(name);
    Assumptions.assumeTrue(Files.isReadable(p), () -> "skipped: engine fixture " + p + " is absent");
    return p;
  }

  public static Path withContext(Path source, Path target, int contextLength) {
    try (GgufFile in = GgufFile.open(source)) {
      GgufWriter out = new GgufWriter();
      for (Map.Entry<String, Object> e : in.metadata().entrySet()) {
        if (e.getKey().endsWith(".context_length")) {
          out.putUint32(e.getKey(), contextLength);
        } else {
          out.put(e.getKey(), in.metadataType(e.getKey()), e.getValue());
        }
      }
      for (GgufTensorInfo t : in.tensors().values()) {
        out.addTensor(t.name(), t.type(), t.shape(), in.tensorData(t).toArray(ValueLayout.JAVA_BYTE));
      }
      out.write(target);
    }
    return target;
  }
}
