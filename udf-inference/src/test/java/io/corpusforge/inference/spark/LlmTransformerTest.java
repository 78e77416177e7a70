package io.corpusforge.inference.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.inference.Engine;
import io.corpusforge.inference.StepStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ML Transformer on local[2] with a fixture model: in a Pipeline, saved and loaded, partitioning, sharing. */
class LlmTransformerTest {
  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = TestSession.get();
  }

  private static Dataset<Row> products(int n) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add("(" + i + ", '商品" + i + "', " + (i % 3 == 0 ? "NULL" : "'纯棉 T恤 " + i + "'") + ")");
    }
    return spark.sql("SELECT * FROM VALUES " + String.join(", ", values) + " AS t(id, title, attributes)");
  }

  private static LlmTransformer llm() {
    return new LlmTransformer().setPromptTemplate("标题：{{title}}\n属性：{{attributes}}\n文案：")
        .setSeedCol("id").setMaxNewTokens(6).setTemperature(0.8);
  }

  private static List<Row> sorted(Dataset<Row> df) {
    return df.orderBy("id").collectAsList();
  }

  @Test
  void pipelineSavedAndLoadedGivesTheSameRows(@TempDir Path dir) throws Exception {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        new SQLTransformer().setStatement("SELECT *, upper(title) AS shout FROM __THIS__"), llm()});
    Dataset<Row> input = products(6);
    PipelineModel model = pipeline.fit(input);
    List<Row> before = sorted(model.transform(input));
    String path = dir.resolve("pipeline").toString();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    LlmTransformer stage = (LlmTransformer) loaded.stages()[1];
    assertEquals("标题：{{title}}\n属性：{{attributes}}\n文案：", stage.getOrDefault(stage.promptTemplate()));
    assertEquals(6, (Integer) stage.getOrDefault(stage.maxNewTokens()));
    Dataset<Row> out = loaded.transform(input);
    assertEquals(List.of("id", "title", "attributes", "shout", "generated_text", "finish_reason", "prompt_tokens",
        "generated_tokens", "error"), List.of(out.columns()));
    List<Row> after = sorted(out);
    assertEquals(before, after);
    for (Row r : after) {
      assertEquals("length", r.getAs("finish_reason"), r.toString());
      assertEquals(6, (int) r.getAs("generated_tokens"));
      assertNull(r.getAs("error"));
    }
    // the transformer alone, too
    llm().setTextCol("copy").write().overwrite().save(dir.resolve("alone").toString());
    LlmTransformer alone = LlmTransformer.load(dir.resolve("alone").toString());
    assertEquals("copy", alone.getOrDefault(alone.textCol()));
    assertTrue(Files.isDirectory(dir.resolve("alone").resolve("metadata")));
  }

  @Test
  void sameOutputForOneAndFourPartitions() {
    Dataset<Row> input = products(12);
    List<Row> one = sorted(llm().transform(input.repartition(1)));
    List<Row> four = sorted(llm().transform(input.repartition(4)));
    assertEquals(one, four);
    // the seed matters: another seed column gives other text for some row
    List<Row> other = sorted(llm().setSeedCol("").setSeed(99).transform(input.repartition(4)));
    assertNotEquals(one.stream().map(r -> r.getAs("generated_text")).toList(),
        other.stream().map(r -> r.getAs("generated_text")).toList());
  }

  @Test
  void badRowsGetAnErrorWithTheSameSchema() {
    Dataset<Row> input = spark.sql("SELECT * FROM VALUES (1, 'ok'), (2, NULL), (3, repeat('很长的句子。', 400))"
        + " AS t(id, prompt)");
    LlmTransformer t = new LlmTransformer().setMaxNewTokens(4);
    Dataset<Row> out = t.transform(input);
    assertEquals(t.transformSchema(input.schema()), out.schema());
    List<Row> rows = sorted(out);
    assertNull(rows.get(0).getAs("error"));
    assertEquals("error", rows.get(1).getAs("finish_reason"));
    assertTrue(rows.get(1).<String>getAs("error").contains("prompt is null"));
    assertEquals("error", rows.get(2).getAs("finish_reason"));
    assertTrue(rows.get(2).<String>getAs("error").contains("context length"), rows.get(2).toString());
    // a run without errors has the same schema
    assertEquals(out.schema(), t.transform(input.where("id = 1")).schema());
  }

  @Test
  void badConfigurationFailsOnTheDriver() {
    Dataset<Row> input = products(2);
    assertThrows(IllegalArgumentException.class, () -> llm().setPromptTemplate("{{nope}}").transform(input));
    assertThrows(IllegalArgumentException.class, () -> llm().setSeedCol("title").transform(input));
    assertThrows(IllegalArgumentException.class, () -> llm().setTextCol("title").transform(input));
  }

  /** Two tasks of one executor (local[2], two partitions) put rows into the same forward steps. */
  @Test
  void twoConcurrentTasksShareForwardSteps() {
    Engine engine = LlmCalls.engine(LlmSettings.current(), null);
    engine.stepStatistics().reset();
    List<Row> rows = llm().setMaxNewTokens(16).transform(products(32).repartition(2)).collectAsList();
    assertEquals(32, rows.size());
    assertEquals(1, EngineService.loaded(), "the tasks must share one engine");
    StepStatistics.Snapshot stats = engine.stepStatistics().snapshot();
    List<Map<String, Integer>> shared = stats.recentSteps().stream().filter(s -> s.size() == 2).toList();
    assertTrue(stats.sharedSteps() > 0 && !shared.isEmpty(), "no step had rows of both tasks: " + stats);
    Set<String> tasks = shared.get(0).keySet();
    assertTrue(tasks.stream().allMatch(s -> s.startsWith("task ")), tasks.toString());
    assertTrue(shared.stream().anyMatch(s -> s.values().stream().mapToInt(Integer::intValue).sum() > 2),
        "shared steps should carry several rows of each task: " + shared);
  }
}
