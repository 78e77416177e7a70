package io.corpusforge.inference.sampling;

import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.model.Architecture;
import java.util.Optional;

/**
 * Wraps a user message in a model's chat format and opens the assistant's turn. The format is recognised from the
 * GGUF {@code tokenizer.chat_template} (its markers), falling back to the family: Qwen uses ChatML.
 */
public enum ChatTemplate {
  CHATML("<|im_start|>user\n", "<|im_end|>\n<|im_start|>assistant\n"),
  LLAMA3("<|start_header_id|>user<|end_header_id|>\n\n", "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");

  private final String before;
  private final String after;

  ChatTemplate(String before, String after) {
    this.before = before;
    this.after = after;
  }

  /** The prompt text for one user message (BOS, when the model uses one, is added by the tokenizer). */
  public String apply(String userMessage) {
    return before + userMessage + after;
  }

  public static Optional<ChatTemplate> detect(GgufFile f, Architecture arch) {
    String t = f.optString("tokenizer.chat_template").orElse("");
    if (t.contains("<|im_start|>")) {
      return Optional.of(CHATML);
    }
    if (t.contains("<|start_header_id|>")) {
      return Optional.of(LLAMA3);
    }
    if (t.isEmpty() && (arch == Architecture.QWEN2 || arch == Architecture.QWEN3)) {
      return Optional.of(CHATML);
    }
    return Optional.empty();
  }
}
