package io.corpusforge.inference;

/**
 * The outcome of one {@link GenerationRequest}. {@code finishReason} is {@code "stop"} (end-of-generation token or a
 * stop string), {@code "length"} (maxNewTokens or the context is full) or {@code "error"} (then {@code error} says why
 * and {@code text} is what was generated before the failure). {@code cachedPromptTokens} of the {@code promptTokens}
 * were not computed: their keys and values were copied from an earlier sequence with the same prefix.
 */
public record GenerationResult(String id, String text, String finishReason, int promptTokens, int cachedPromptTokens,
    int generatedTokens, long latencyNanos, String error) {

  public static final String STOP = "stop";
  public static final String LENGTH = "length";
  public static final String ERROR = "error";

  public static GenerationResult failed(String id, String error, long latencyNanos) {
    return new GenerationResult(id, "", ERROR, 0, 0, 0, latencyNanos, error);
  }
}
