package io.corpusforge.inference;

import java.util.List;

/**
 * How the next token is chosen. {@code temperature <= 0} is greedy (argmax; the other sampling knobs then do
 * nothing except the penalties). {@code topK <= 0}, {@code topP >= 1}, {@code minP <= 0}, {@code repetitionPenalty == 1}
 * and {@code presencePenalty == 0} switch the respective filter off. Generation stops at the model's end-of-generation
 * token, at any of the {@code stop} strings (which are not part of the returned text), or after {@code maxNewTokens}.
 */
public record SamplingParams(double temperature, int topK, double topP, double minP, double repetitionPenalty,
    double presencePenalty, int maxNewTokens, List<String> stop) {

  public SamplingParams {
    if (maxNewTokens < 0) {
      throw new IllegalArgumentException("maxNewTokens must be >= 0, got " + maxNewTokens);
    }
    if (repetitionPenalty <= 0) {
      throw new IllegalArgumentException("repetitionPenalty must be > 0, got " + repetitionPenalty);
    }
    if (Double.isNaN(temperature) || Double.isNaN(topP) || Double.isNaN(minP)) {
      throw new IllegalArgumentException("sampling parameters must be numbers");
    }
    stop = stop == null ? List.of() : List.copyOf(stop);
    if (stop.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("stop strings must not be empty");
    }
  }

  /** Argmax decoding, no penalties, no stop strings. */
  public static SamplingParams greedy(int maxNewTokens) {
    return new SamplingParams(0, 0, 1, 0, 1, 0, maxNewTokens, List.of());
  }

  public boolean isGreedy() {
    return temperature <= 0;
  }
}
