package io.corpusforge.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.GgufException;
import io.corpusforge.inference.gguf.GgufFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelWeightsTest {
  static final Path DIR = Path.of("src/test/resources/engine-fixtures");

  @Test
  void familyTraitsDecideWhichTensorsAreLoaded() {
    try (GgufFile f = GgufFile.open(DIR.resolve("qwen2-q4_0.gguf"))) {
      ModelWeights w = ModelWeights.load(f, ModelSpec.from(f));
      ModelWeights.Layer l = w.layers().get(0);
      assertNotNull(l.qBias());
      assertNull(l.qNorm());
      assertEquals(GgmlType.Q4_0, l.q().type());
      assertSame(w.tokenEmbd(), w.output(), "tied embeddings");
      // the tensors are slices of the mapping, not copies
      assertEquals(f.tensorData(TensorNames.attnQ(0)).address(), l.q().data().address());
      List<Tensor> all = new ArrayList<>();
      w.forEachTensor(all::add);
      assertEquals(1 + 1 + 12, all.size(), "embedding, output norm, one layer of 9 matrices/norms and 3 biases");
    }
    try (GgufFile f = GgufFile.open(DIR.resolve("qwen3-f16.gguf"))) {
      ModelWeights.Layer l = ModelWeights.load(f, ModelSpec.from(f)).layers().get(0);
      assertNull(l.qBias());
      assertEquals(32, l.qNorm().cols());
    }
    try (GgufFile f = GgufFile.open(DIR.resolve("llama-bpe-q8_0.gguf"))) {
      ModelWeights w = ModelWeights.load(f, ModelSpec.from(f));
      assertEquals(w.spec().ropeDim() / 2, w.ropeFreqs().cols());
    }
  }

  @Test
  void aShapeThatContradictsTheMetadataIsRejectedWithTheTensorName() {
    try (GgufFile f = GgufFile.open(DIR.resolve("llama-spm-f32.gguf"))) {
      ModelSpec s = ModelSpec.from(f);
      ModelSpec wrongFfn = new ModelSpec(s.architecture(), s.dim(), s.layers(), s.heads(), s.kvHeads(), s.headDim(),
          s.valueDim(), s.ffnDim() + 1, s.vocabSize(), s.contextLength(), s.normEps(), s.ropeBase(), s.ropeDim(),
          s.ropeFreqScale(), s.tiedEmbeddings());
      GgufException e = assertThrows(GgufException.class, () -> ModelWeights.load(f, wrongFfn));
      assertTrue(e.getMessage().contains("blk.0.ffn_gate.weight"), e.getMessage());
    }
  }
}
