package io.corpusforge.inference.spark;

import io.corpusforge.inference.GenerationResult;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The one result shape of the SQL functions and the Transformer: the same columns whether or not a row failed, so a
 * run with errors unions with one without. A failed row has {@code finish_reason = "error"} and {@code error} says
 * why; {@code text} is then null.
 */
public final class LlmResults {
  public static final String TEXT = "text";
  public static final String FINISH_REASON = "finish_reason";
  public static final String PROMPT_TOKENS = "prompt_tokens";
  public static final String GENERATED_TOKENS = "generated_tokens";
  public static final String ERROR = "error";

  /** The struct {@code llm_generate_struct} returns. */
  public static final StructType STRUCT = new StructType(new StructField[] {
      DataTypes.createStructField(TEXT, DataTypes.StringType, true),
      DataTypes.createStructField(FINISH_REASON, DataTypes.StringType, false),
      DataTypes.createStructField(PROMPT_TOKENS, DataTypes.IntegerType, false),
      DataTypes.createStructField(GENERATED_TOKENS, DataTypes.IntegerType, false),
      DataTypes.createStructField(ERROR, DataTypes.StringType, true)});

  private LlmResults() {}

  /** The struct's values, in {@link #STRUCT}'s order. */
  static Object[] values(GenerationResult r) {
    boolean failed = GenerationResult.ERROR.equals(r.finishReason());
    return new Object[] {failed ? null : r.text(), r.finishReason(), r.promptTokens(), r.generatedTokens(),
        failed ? (r.error() == null ? "unknown error" : r.error()) : null};
  }
}
