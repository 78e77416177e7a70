package io.corpusforge.inference.backend;

import io.corpusforge.inference.model.ModelSpec;
import io.corpusforge.inference.sampling.Sampler;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a model's forward pass. The boundary is the whole step (all layers, all sequences of a batch), so an
 * implementation may keep weights, activations and the KV cache wherever it likes (CPU memory now; device memory
 * for a GPU backend). Tokenization, sampling and scheduling stay outside.
 *
 * <p>KV-cache slots are numbered {@code 0 .. slots()-1}; a sequence owns one slot from its first step until the
 * scheduler reuses the slot (writing again from position 0 overwrites it).
 */
public interface Backend extends AutoCloseable {
  ModelSpec spec();

  /** Sequences that can be in flight at once. */
  int slots();

  /** Positions per slot. */
  int contextLength();

  /**
   * Advances each listed sequence (distinct slots) by its tokens and returns, per step in order, a
   * {@code [step.logitRows()][vocab]} matrix of raw logits.
   */
  List<float[][]> step(List<SequenceStep> batch);

  /**
   * As {@link #step}, but a step with {@code greedy[i]} set needs only the argmax token of its last position (the
   * lowest id on ties, exactly {@link Sampler#argmax}) and gets a {@link StepResult#ofToken}; the others get their
   * logits. A device backend computes the argmax where the logits are and copies back only the id; this default
   * (the CPU backend's) takes it from the host logits, so its results are those of {@link #step}.
   */
  default List<StepResult> step(List<SequenceStep> batch, boolean[] greedy) {
    if (greedy.length != batch.size()) {
      throw new IllegalArgumentException(greedy.length + " greedy flags for " + batch.size() + " steps");
    }
    List<float[][]> logits = step(batch);
    List<StepResult> out = new ArrayList<>(logits.size());
    for (int i = 0; i < logits.size(); i++) {
      float[][] rows = logits.get(i);
      out.add(greedy[i] ? StepResult.ofToken(Sampler.argmax(rows[rows.length - 1])) : StepResult.ofLogits(rows));
    }
    return out;
  }

  /**
   * Copies the keys and values of positions {@code [0, positions)} from one slot to another, so a sequence that
   * starts with the same tokens as the one in {@code fromSlot} need not compute them again (prefix caching). The
   * copy is exact: a position's keys and values depend only on the tokens up to it.
   */
  void copyPrefix(int fromSlot, int toSlot, int positions);

  /**
   * Makes sure {@code slot} has KV-cache memory for positions {@code [0, positions)} before a step writes them, so a
   * sequence that cannot get it fails alone ({@link KvCacheFullException}) instead of failing the whole step.
   */
  default void reserve(int slot, int positions) {}

  /** Frees the KV-cache memory of a slot no sequence uses (its cached prefix is gone). */
  default void release(int slot) {}

  @Override
  void close();
}
