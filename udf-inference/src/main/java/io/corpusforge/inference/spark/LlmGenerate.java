package io.corpusforge.inference.spark;

import io.corpusforge.inference.GenerationResult;
import org.apache.spark.sql.api.java.UDF4;

/**
 * SQL {@code llm_generate(prompt, max_new_tokens, temperature, seed)} returning the generated text (null for a row
 * that failed; {@link LlmGenerateStruct} says why). Null arguments take the configured values
 * ({@link LlmSettings}); {@link LlmFunctions#register} makes the last three optional. The model comes from
 * {@code spark.corpusforge.llm.model}. Each call goes through the executor's {@link EngineService}, so the rows of
 * concurrent tasks share forward steps.
 *
 * <p>PySpark: {@code spark.udf.registerJavaFunction("llm_generate", "io.corpusforge.inference.spark.LlmGenerate",
 * StringType())} (then all four arguments are passed, NULL for a default).
 */
public class LlmGenerate implements UDF4<String, Object, Object, Object, String> {
  private final LlmSettings settings;

  /** With the settings of the active session (the form PySpark's registerJavaFunction instantiates). */
  public LlmGenerate() {
    this(LlmSettings.current());
  }

  public LlmGenerate(LlmSettings settings) {
    this.settings = settings;
  }

  @Override
  public String call(String prompt, Object maxNewTokens, Object temperature, Object seed) {
    GenerationResult r = LlmGenerateStruct.generate(settings, prompt, maxNewTokens, temperature, seed);
    return GenerationResult.ERROR.equals(r.finishReason()) ? null : r.text();
  }
}
