package io.corpusforge.jobs.generate.prompt;

import io.corpusforge.inference.SamplingParams;
import io.corpusforge.jobs.generate.text.Hashes;
import java.util.Locale;

/**
 * Everything that decides the text of one copy type: its rules, its template and its sampling parameters.
 * {@code paramsHash} identifies the parameters (with the chat flag) in outputs, seeds and {@code --resume}.
 */
public record CopyPlan(CopySpec spec, PromptTemplate template, SamplingParams params, boolean chat) {
  public String paramsHash() {
    return Hashes.hex16(String.format(Locale.ROOT,
        "temperature=%s top_k=%d top_p=%s min_p=%s repetition_penalty=%s presence_penalty=%s max_new_tokens=%d "
            + "stop=%s chat=%s",
        params.temperature(), params.topK(), params.topP(), params.minP(), params.repetitionPenalty(),
        params.presencePenalty(), params.maxNewTokens(), params.stop(), chat));
  }

  public long seed(String id, int attempt) {
    return Seeds.of(id, spec.name(), template.hash(), paramsHash(), attempt);
  }
}
