package io.corpusforge.inference.spark;

import io.corpusforge.inference.Engine;
import io.corpusforge.inference.GenerationResult;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF4;

/**
 * SQL {@code llm_generate_struct(prompt, max_new_tokens, temperature, seed)}: a struct of text, finish_reason,
 * prompt_tokens, generated_tokens and error ({@link LlmResults#STRUCT}). A bad row (null prompt, a negative limit, a
 * prompt longer than the context) never fails the query: its error is in the struct.
 *
 * <p>PySpark: {@code spark.udf.registerJavaFunction("llm_generate_struct",
 * "io.corpusforge.inference.spark.LlmGenerateStruct")} (the return type comes from the class's registration by
 * {@link LlmFunctions}; with registerJavaFunction pass it: {@code LlmResults.STRUCT}'s DDL).
 */
public class LlmGenerateStruct implements UDF4<String, Object, Object, Object, Row> {
  private final LlmSettings settings;

  public LlmGenerateStruct() {
    this(LlmSettings.current());
  }

  public LlmGenerateStruct(LlmSettings settings) {
    this.settings = settings;
  }

  @Override
  public Row call(String prompt, Object maxNewTokens, Object temperature, Object seed) {
    return RowFactory.create(LlmResults.values(generate(settings, prompt, maxNewTokens, temperature, seed)));
  }

  static GenerationResult generate(LlmSettings settings, String prompt, Object maxNewTokens, Object temperature,
      Object seed) {
    Engine engine = LlmCalls.engine(settings, null);
    LlmCalls.RowCall row = new LlmCalls.RowCall(prompt, maxNewTokens, temperature, seed);
    return LlmCalls.await(LlmCalls.submit(engine, settings, "sql", row, settings.chat(), List.of()), "sql");
  }
}
