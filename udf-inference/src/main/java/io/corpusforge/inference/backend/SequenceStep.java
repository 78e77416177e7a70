package io.corpusforge.inference.backend;

/**
 * One sequence's part of a forward step: append {@code tokens} at positions {@code startPos, startPos+1, ...} of
 * KV-cache slot {@code slot}. {@code allLogits} asks for logits at every appended position (tests, scoring);
 * otherwise only the last position's logits are returned.
 */
public record SequenceStep(int slot, int startPos, int[] tokens, boolean allLogits) {
  public SequenceStep {
    if (tokens.length == 0) {
      throw new IllegalArgumentException("a step appends at least one token");
    }
    if (startPos < 0) {
      throw new IllegalArgumentException("negative position " + startPos);
    }
  }

  public int logitRows() {
    return allLogits ? tokens.length : 1;
  }
}
