package io.corpusforge.jobs.generate.run;

import java.io.Serializable;
import java.util.List;

/**
 * One generated text (or the error instead of it): a row of the output Parquet. Sampling columns are null for the
 * extractive method, which has none; {@code text} is null exactly when {@code error} is set.
 */
public record OutputRow(String id, String task, String copyType, String text, String finishReason, int promptTokens,
    int generatedTokens, double latencyMs, String modelSha256, String templateHash, String paramsHash,
    Double temperature, Integer topK, Double topP, Double minP, Double repetitionPenalty, Double presencePenalty,
    Integer maxNewTokens, Long seed, String error, List<String> flags) implements Serializable {

  public OutputRow {
    flags = flags == null ? List.of() : List.copyOf(flags);
  }

  /** The identity {@code --resume} compares: which text of which row under which model, template and params. */
  public long resumeKey() {
    return ResumeKeys.key(id, copyType, modelSha256, templateHash, paramsHash);
  }
}
