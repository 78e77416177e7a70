package io.corpusforge.inference.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML pipeline stage that generates text for each row with a GGUF model and adds five columns: text, finish
 * reason, prompt tokens, generated tokens and error ({@link LlmResults}; names set by the {@code *Col} params). The
 * prompt is a column ({@code promptCol}) or a template over columns ({@code promptTemplate}, {@code {{column}}}
 * placeholders). A row's seed comes from {@code seedCol} when set, else the {@code seed} param, so a row's output
 * depends on the row alone, not on partitioning. A failing row gets its error in the error column; the job goes on.
 * Savable and loadable ({@code MLWritable}/{@code MLReadable}), alone or inside a {@code PipelineModel}.
 *
 * <p>Each task keeps {@code spark.corpusforge.llm.rows-in-flight} rows queued in the executor's shared engine
 * ({@link EngineService}), so the rows of all tasks of an executor share forward steps.
 */
public class LlmTransformer extends Transformer implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> model;
  private final Param<String> promptCol;
  private final Param<String> promptTemplate;
  private final Param<String> seedCol;
  private final LongParam seed;
  private final IntParam maxNewTokens;
  private final DoubleParam temperature;
  private final StringArrayParam stop;
  private final BooleanParam chat;
  private final Param<String> textCol;
  private final Param<String> finishReasonCol;
  private final Param<String> promptTokensCol;
  private final Param<String> generatedTokensCol;
  private final Param<String> errorCol;

  public LlmTransformer() {
    this(Identifiable.randomUID("llm"));
  }

  public LlmTransformer(String uid) {
    this.uid = uid;
    LlmSettings s = LlmSettings.current();
    model = new Param<>(this, "model", "GGUF file every executor reads (or ships with --files)");
    promptCol = new Param<>(this, "promptCol", "column holding the prompt (used when promptTemplate is empty)");
    promptTemplate = new Param<>(this, "promptTemplate",
        "prompt with {{column}} placeholders filled from the row; empty: the promptCol column is the prompt");
    seedCol = new Param<>(this, "seedCol", "numeric column with each row's sampling seed; empty: the seed param");
    seed = new LongParam(this, "seed", "sampling seed of rows without a seed column");
    maxNewTokens = new IntParam(this, "maxNewTokens", "most tokens generated per row");
    temperature = new DoubleParam(this, "temperature", "sampling temperature; 0 = greedy");
    stop = new StringArrayParam(this, "stop", "generation stops at any of these strings (not part of the text)");
    chat = new BooleanParam(this, "chat", "wrap the prompt in the model's chat template");
    textCol = new Param<>(this, "textCol", "output column: the generated text (null when the row failed)");
    finishReasonCol = new Param<>(this, "finishReasonCol", "output column: stop, length or error");
    promptTokensCol = new Param<>(this, "promptTokensCol", "output column: prompt tokens");
    generatedTokensCol = new Param<>(this, "generatedTokensCol", "output column: generated tokens");
    errorCol = new Param<>(this, "errorCol", "output column: why the row failed (null when it did not)");
    setDefault(model, s.model());
    setDefault(promptCol, "prompt");
    setDefault(promptTemplate, "");
    setDefault(seedCol, "");
    setDefault(seed, (Object) s.seed());
    setDefault(maxNewTokens, (Object) s.intValue("max-new-tokens"));
    setDefault(temperature, (Object) s.doubleValue("temperature"));
    setDefault(stop, new String[0]);
    setDefault(chat, (Object) s.chat());
    setDefault(textCol, "generated_text");
    setDefault(finishReasonCol, LlmResults.FINISH_REASON);
    setDefault(promptTokensCol, LlmResults.PROMPT_TOKENS);
    setDefault(generatedTokensCol, LlmResults.GENERATED_TOKENS);
    setDefault(errorCol, LlmResults.ERROR);
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> model() {
    return model;
  }

  public Param<String> promptCol() {
    return promptCol;
  }

  public Param<String> promptTemplate() {
    return promptTemplate;
  }

  public Param<String> seedCol() {
    return seedCol;
  }

  public LongParam seed() {
    return seed;
  }

  public IntParam maxNewTokens() {
    return maxNewTokens;
  }

  public DoubleParam temperature() {
    return temperature;
  }

  public StringArrayParam stop() {
    return stop;
  }

  public BooleanParam chat() {
    return chat;
  }

  public Param<String> textCol() {
    return textCol;
  }

  public Param<String> finishReasonCol() {
    return finishReasonCol;
  }

  public Param<String> promptTokensCol() {
    return promptTokensCol;
  }

  public Param<String> generatedTokensCol() {
    return generatedTokensCol;
  }

  public Param<String> errorCol() {
    return errorCol;
  }

  public LlmTransformer setModel(String v) {
    set(model, v);
    return this;
  }

  public LlmTransformer setPromptCol(String v) {
    set(promptCol, v);
    return this;
  }

  public LlmTransformer setPromptTemplate(String v) {
    set(promptTemplate, v);
    return this;
  }

  public LlmTransformer setSeedCol(String v) {
    set(seedCol, v);
    return this;
  }

  public LlmTransformer setSeed(long v) {
    set(seed, (Object) v);
    return this;
  }

  public LlmTransformer setMaxNewTokens(int v) {
    set(maxNewTokens, (Object) v);
    return this;
  }

  public LlmTransformer setTemperature(double v) {
    set(temperature, (Object) v);
    return this;
  }

  public LlmTransformer setStop(String... v) {
    set(stop, v);
    return this;
  }

  public LlmTransformer setChat(boolean v) {
    set(chat, (Object) v);
    return this;
  }

  public LlmTransformer setTextCol(String v) {
    set(textCol, v);
    return this;
  }

  public LlmTransformer setFinishReasonCol(String v) {
    set(finishReasonCol, v);
    return this;
  }

  public LlmTransformer setPromptTokensCol(String v) {
    set(promptTokensCol, v);
    return this;
  }

  public LlmTransformer setGeneratedTokensCol(String v) {
    set(generatedTokensCol, v);
    return this;
  }

  public LlmTransformer setErrorCol(String v) {
    set(errorCol, v);
    return this;
  }

  private String str(Param<String> p) {
    return getOrDefault(p);
  }

  /** The output column names, in {@link LlmResults#STRUCT}'s order. */
  private List<String> outputColumns() {
    return List.of(str(textCol), str(finishReasonCol), str(promptTokensCol), str(generatedTokensCol), str(errorCol));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    List<String> names = Arrays.asList(schema.fieldNames());
    String template = str(promptTemplate);
    if (template.isEmpty()) {
      requireColumn(schema, str(promptCol), "promptCol");
    } else {
      for (String column : PromptSource.placeholders(template)) {
        if (!names.contains(column)) {
          throw new IllegalArgumentException("promptTemplate names column '" + column + "', which the input lacks; "
              + "columns: " + names);
        }
      }
    }
    if (!str(seedCol).isEmpty()) {
      DataType t = requireColumn(schema, str(seedCol), "seedCol");
      if (!(t instanceof NumericType)) {
        throw new IllegalArgumentException("seedCol '" + str(seedCol) + "' must be numeric, is " + t.simpleString());
      }
    }
    StructType out = schema;
    List<String> outputs = outputColumns();
    StructField[] fields = LlmResults.STRUCT.fields();
    for (int i = 0; i < outputs.size(); i++) {
      if (names.contains(outputs.get(i)) || outputs.subList(0, i).contains(outputs.get(i))) {
        throw new IllegalArgumentException("output column '" + outputs.get(i) + "' already exists");
      }
      out = out.add(DataTypes.createStructField(outputs.get(i), fields[i].dataType(), fields[i].nullable()));
    }
    return out;
  }

  private static DataType requireColumn(StructType schema, String name, String param) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(param + " '" + name + "' is not a column of the input; columns: "
          + Arrays.toString(schema.fieldNames()));
    }
    return schema.apply(name).dataType();
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType in = dataset.schema();
    StructType out = transformSchema(in);
    String seedColumn = str(seedCol);
    LlmSettings settings = LlmSettings.current();
    String m = str(model);
    if (m == null || m.isBlank()) {
      throw new IllegalArgumentException("LlmTransformer: set the model param (or spark.corpusforge.llm.model)");
    }
    TransformerPartition partition = new TransformerPartition(settings, m,
        PromptSource.of(str(promptTemplate), str(promptCol), in), seedColumn.isEmpty() ? -1 : in.fieldIndex(
        seedColumn), (Long) getOrDefault(seed), (Integer) getOrDefault(maxNewTokens),
        (Double) getOrDefault(temperature), List.of((String[]) getOrDefault(stop)), (Boolean) getOrDefault(chat));
    return dataset.toDF().mapPartitions(partition, Encoders.row(out));
  }

  @Override
  public LlmTransformer copy(ParamMap extra) {
    return (LlmTransformer) defaultCopy(extra);
  }

  public static MLReader<LlmTransformer> read() {
    return new DefaultParamsReader<>();
  }

  public static LlmTransformer load(String path) {
    return read().load(path);
  }
}
