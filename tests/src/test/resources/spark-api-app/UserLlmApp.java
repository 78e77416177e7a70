import io.corpusforge.inference.spark.LlmFunctions;
import io.corpusforge.inference.spark.LlmTransformer;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A user's own Spark application, compiled against Spark and the udf-inference jar only, submitted with the
 * settings docs/spark-api.md gives (--jars, --files, spark.corpusforge.llm.*). SparkApiSubmitE2ETest builds it.
 */
public class UserLlmApp {
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("user-llm-app").getOrCreate();
    Dataset<Row> prompts = spark.sql(
        "SELECT id, IF(id = 5, NULL, concat('商品 ', id, ' 的标题：')) AS prompt FROM range(8)").repartition(4);
    prompts.createOrReplaceTempView("prompts");

    LlmFunctions.register(spark);
    Dataset<Row> sql = spark.sql("SELECT id, prompt, llm_generate(prompt, 6, 0.7, id) AS sql_text, "
        + "llm_generate_struct(prompt, 6, 0.7, id) AS sql_result FROM prompts");

    LlmTransformer llm = new LlmTransformer().setPromptCol("prompt").setMaxNewTokens(6).setTemperature(0.7)
        .setSeedCol("id");
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {llm}).fit(sql);
    fitted.transform(sql).write().parquet(args[0]);
    spark.stop();
  }
}
