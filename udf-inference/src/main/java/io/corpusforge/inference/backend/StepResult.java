package io.corpusforge.inference.backend;

/**
 * One sequence's result of a forward step: its {@code [logitRows][vocab]} logits, or, when the step asked only for
 * the greedy choice, {@code logits == null} and the argmax token id of its last position.
 */
public record StepResult(float[][] logits, int greedyToken) {
  public static StepResult ofLogits(float[][] logits) {
    return new StepResult(logits, -1);
  }

  public static StepResult ofToken(int token) {
    return new StepResult(null, token);
  }
}
