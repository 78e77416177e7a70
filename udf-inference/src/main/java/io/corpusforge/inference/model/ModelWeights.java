package io.corpusforge.inference.model;

import io.corpusforge.inference.gguf.GgufFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every tensor of a decoder model as the forward pass uses it, read once from the GGUF file with its shape checked
 * against the {@link ModelSpec}; backends take the tensors from here (the CPU backend computes on the mapped file
 * directly, a device backend uploads them) and only check which tensor types they compute.
 *
 * @param output the output projection; the token embedding itself when the model ties them
 * @param ropeFreqs per-pair rope frequency factors ({@code ropeDim / 2} values), or null
 */
public record ModelWeights(ModelSpec spec, Tensor tokenEmbd, Tensor outputNorm, Tensor output, Tensor ropeFreqs,
    List<Layer> layers) {

  /** One block's tensors; the biases are null unless the family has QKV bias, the q/k norms unless it has them. */
  public record Layer(Tensor attnNorm, Tensor q, Tensor k, Tensor v, Tensor qBias, Tensor kBias, Tensor vBias,
      Tensor qNorm, Tensor kNorm, Tensor o, Tensor ffnNorm, Tensor gate, Tensor up, Tensor down) {

    /** The tensors that are present, in a fixed order. */
    public List<Tensor> present() {
      List<Tensor> all = new ArrayList<>();
      for (Tensor t : new Tensor[] {attnNorm, q, k, v, qBias, kBias, vBias, qNorm, kNorm, o, ffnNorm, gate, up,
          down}) {
        if (t != null) {
          all.add(t);
        }
      }
      return all;
    }
  }

  /** The file must stay open while the tensors are used: they are slices of its mapping. */
  public static ModelWeights load(GgufFile file, ModelSpec spec) {
    int dim = spec.dim();
    Tensor tokenEmbd = Tensor.of(file, TensorNames.TOKEN_EMBD, dim, spec.vocabSize());
    Tensor outputNorm = Tensor.of(file, TensorNames.OUTPUT_NORM, dim, 1);
    Tensor output = spec.tiedEmbeddings() ? tokenEmbd
        : Tensor.of(file, TensorNames.OUTPUT, dim, spec.vocabSize());
    Tensor ropeFreqs = file.tensor(TensorNames.ROPE_FREQS).isPresent()
        ? Tensor.of(file, TensorNames.ROPE_FREQS, spec.ropeDim() / 2, 1) : null;
    boolean bias = spec.architecture().qkvBias;
    boolean qkNorm = spec.architecture().qkNorm;
    List<Layer> layers = new ArrayList<>(spec.layers());
    for (int l = 0; l < spec.layers(); l++) {
      layers.add(new Layer(
          Tensor.of(file, TensorNames.attnNorm(l), dim, 1),
          Tensor.of(file, TensorNames.attnQ(l), dim, spec.qDim()),
          Tensor.of(file, TensorNames.attnK(l), dim, spec.kvDim()),
          Tensor.of(file, TensorNames.attnV(l), dim, spec.vDim()),
          bias ? Tensor.of(file, TensorNames.attnQBias(l), spec.qDim(), 1) : null,
          bias ? Tensor.of(file, TensorNames.attnKBias(l), spec.kvDim(), 1) : null,
          bias ? Tensor.of(file, TensorNames.attnVBias(l), spec.vDim(), 1) : null,
          qkNorm ? Tensor.of(file, TensorNames.attnQNorm(l), spec.headDim(), 1) : null,
          qkNorm ? Tensor.of(file, TensorNames.attnKNorm(l), spec.headDim(), 1) : null,
          Tensor.of(file, TensorNames.attnOutput(l), spec.heads() * spec.valueDim(), dim),
          Tensor.of(file, TensorNames.ffnNorm(l), dim, 1),
          Tensor.of(file, TensorNames.ffnGate(l), dim, spec.ffnDim()),
          Tensor.of(file, TensorNames.ffnUp(l), dim, spec.ffnDim()),
          Tensor.of(file, TensorNames.ffnDown(l), spec.ffnDim(), dim)));
    }
    return new ModelWeights(spec, tokenEmbd, outputNorm, output, ropeFreqs, List.copyOf(layers));
  }

  /** Every distinct tensor once (the tied output is the embedding), for type checks and uploads. */
  public void forEachTensor(Consumer<Tensor> action) {
    action.accept(tokenEmbd);
    action.accept(outputNorm);
    if (output != tokenEmbd) {
      action.accept(output);
    }
    if (ropeFreqs != null) {
      action.accept(ropeFreqs);
    }
    for (Layer l : layers) {
      l.present().forEach(action);
    }
  }
}
