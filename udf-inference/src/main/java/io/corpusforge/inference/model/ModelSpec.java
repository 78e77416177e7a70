package io.corpusforge.inference.model;

import io.corpusforge.inference.gguf.GgufException;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.gguf.GgufTensorInfo;

/**
 * Everything a backend needs to know about a model's shape, read from GGUF metadata (keys prefixed by the
 * architecture name, as llama.cpp writes them). Nothing here is hard-coded per family except the traits in
 * {@link Architecture}.
 *
 * @param headDim size of one query/key head ({@code attention.key_length}, default {@code dim / heads})
 * @param valueDim size of one value head ({@code attention.value_length}, default {@code headDim})
 * @param ropeDim leading dimensions of each head that rotate ({@code rope.dimension_count}, default headDim)
 * @param ropeFreqScale 1 / linear rope scaling factor ({@code rope.scaling.factor} with type linear), else 1
 * @param tiedEmbeddings no {@code output.weight}: the token embedding matrix projects to logits
 */
public record ModelSpec(Architecture architecture, int dim, int layers, int heads, int kvHeads, int headDim,
    int valueDim, int ffnDim, int vocabSize, int contextLength, float normEps, float ropeBase, int ropeDim,
    float ropeFreqScale, boolean tiedEmbeddings) {

  public ModelSpec {
    if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
      throw new GgufException("attention heads " + heads + " must be a positive multiple of KV heads " + kvHeads);
    }
    if (ropeDim > headDim || ropeDim % 2 != 0) {
      throw new GgufException("rope dimension " + ropeDim + " must be even and <= head size " + headDim);
    }
  }

  public RopeType ropeType() {
    return architecture.ropeType;
  }

  public int qDim() {
    return heads * headDim;
  }

  public int kvDim() {
    return kvHeads * headDim;
  }

  public int vDim() {
    return kvHeads * valueDim;
  }

  public static ModelSpec from(GgufFile f) {
    Architecture arch = Architecture.fromGguf(f.getString("general.architecture"));
    String p = arch.ggufName + ".";
    int dim = f.getInt(p + "embedding_length");
    int heads = f.getInt(p + "attention.head_count");
    int kvHeads = f.optInt(p + "attention.head_count_kv").orElse(heads);
    int headDim = f.optInt(p + "attention.key_length").orElse(dim / heads);
    int valueDim = f.optInt(p + "attention.value_length").orElse(headDim);
    GgufTensorInfo embd = f.requireTensor(TensorNames.TOKEN_EMBD);
    int vocab = f.optInt(p + "vocab_size").orElse((int) embd.shape()[1]);
    float ropeScale = 1f;
    String scalingType = f.optString(p + "rope.scaling.type").orElse("none");
    if (scalingType.equals("linear")) {
      ropeScale = 1f / f.getFloat(p + "rope.scaling.factor");
    } else if (scalingType.equals("llama3") && f.tensor(TensorNames.ROPE_FREQS).isPresent()) {
      // Llama 3 scaling is carried by the frequency factors tensor; nothing else to read
    } else if (!scalingType.equals("none")) {
      throw new GgufException(f.path() + ": unsupported rope scaling '" + scalingType + "' (none, linear, and "
          + "Llama 3 frequency factors in " + TensorNames.ROPE_FREQS + " are supported)");
    }
    return new ModelSpec(arch, dim, f.getInt(p + "block_count"), heads, kvHeads, headDim, valueDim,
        f.getInt(p + "feed_forward_length"), vocab, f.getInt(p + "context_length"),
        f.getFloat(p + "attention.layer_norm_rms_epsilon"), f.optFloat(p + "rope.freq_base").orElse(10000f),
        f.optInt(p + "rope.dimension_count").orElse(headDim), ropeScale,
        f.tensor(TensorNames.OUTPUT).isEmpty());
  }
}
