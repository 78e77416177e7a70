package io.corpusforge.inference;

import java.util.Objects;

/**
 * One text to continue. {@code chat = true} wraps {@code prompt} as a user message in the model's chat template
 * (and starts the assistant's turn); otherwise the prompt is tokenized as is (with BOS when the model asks for it).
 * {@code seed} drives sampling for this request alone, so the result does not depend on what else shares a batch.
 */
public record GenerationRequest(String id, String prompt, boolean chat, SamplingParams params, long seed) {
  public GenerationRequest {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(params, "params");
  }
}
