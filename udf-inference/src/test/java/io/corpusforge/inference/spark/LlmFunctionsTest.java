package io.corpusforge.inference.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SQL functions on local[2] with a fixture model, registered the ways users register them. */
class LlmFunctionsTest {
  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = TestSession.get();
    LlmFunctions.register(spark);
    spark.sql("SELECT * FROM VALUES (1, '你好，今天'), (2, 'The quick brown fox'), (3, NULL), (4, '商品：纯棉T恤')"
        + " AS t(id, prompt)").repartition(2).createOrReplaceTempView("prompts");
  }

  @Test
  void optionalArgumentsTakeTheConfiguredValues() {
    List<Row> rows = spark.sql("SELECT id, llm_generate(prompt) AS a, llm_generate(prompt, 8) AS b, "
        + "llm_generate(prompt, 8, 0.7) AS c, llm_generate(prompt, 8, 0.7, 42) AS d, "
        + "llm_generate(prompt, 3, 0.0, 7) AS greedy3 FROM prompts WHERE prompt IS NOT NULL ORDER BY id")
        .collectAsList();
    assertEquals(3, rows.size());
    for (Row r : rows) {
      // the configured values are max-new-tokens 8, temperature 0.7, seed 42
      assertNotNull(r.getString(1), r.toString());
      assertEquals(r.getString(1), r.getString(2));
      assertEquals(r.getString(1), r.getString(3));
      assertEquals(r.getString(1), r.getString(4));
      assertNotNull(r.getString(5));
    }
  }

  @Test
  void structVariantReportsTokensAndErrorsWithoutFailingTheQuery() {
    Dataset<Row> df = spark.sql("SELECT id, llm_generate_struct(prompt, 5) AS r FROM prompts UNION ALL "
        + "SELECT 5, llm_generate_struct('x', -1) UNION ALL SELECT 6, llm_generate_struct('x', 'many')");
    assertEquals(LlmResults.STRUCT, df.schema().apply("r").dataType());
    List<Row> rows = df.selectExpr("id", "r.*").orderBy("id").collectAsList();
    assertEquals(6, rows.size());
    for (Row r : rows) {
      int id = r.getInt(0);
      if (id == 3 || id == 5 || id == 6) {
        assertNull(r.get(1), r.toString());
        assertEquals("error", r.getString(2));
        assertNotNull(r.getString(5));
      } else {
        assertEquals("length", r.getString(2), r.toString());
        assertTrue(r.getInt(3) > 0);
        assertEquals(5, r.getInt(4));
        assertNull(r.get(5));
      }
    }
    assertTrue(rows.get(2).getString(5).contains("prompt is null"), rows.get(2).toString());
    assertTrue(rows.get(4).getString(5).contains("max_new_tokens must be >= 0"), rows.get(4).toString());
    assertTrue(rows.get(5).getString(5).contains("must be a number"), rows.get(5).toString());
    // the text function gives NULL for the failed rows and the same text as the struct for the others
    List<Row> both = spark.sql("SELECT llm_generate(prompt, 5) = llm_generate_struct(prompt, 5).text, "
        + "llm_generate(prompt, 5) IS NULL FROM prompts ORDER BY id").collectAsList();
    assertEquals(List.of(true, true, true, true), both.stream().map(r -> r.isNullAt(0) ? r.getBoolean(1)
        : r.getBoolean(0)).toList());
  }

  @Test
  void wrongArgumentCountIsAnAnalysisError() {
    Exception e = assertThrows(Exception.class, () -> spark.sql("SELECT llm_generate('a', 1, 2, 3, 4)").collect());
    assertTrue(e.getMessage().contains("1 to 4 arguments"), e.getMessage());
  }

  /** The Java registration a user writes by hand: the UDF class with spark.udf().register. */
  @Test
  void javaUdfRegisteredByHand() {
    spark.udf().register("my_generate", new LlmGenerate(), DataTypes.StringType);
    spark.udf().register("my_generate_struct", new LlmGenerateStruct(), LlmResults.STRUCT);
    List<Row> rows = spark.sql("SELECT my_generate(prompt, 6, 0.0, 1), my_generate_struct(prompt, 6, 0.0, 1), "
        + "llm_generate(prompt, 6, 0.0, 1) FROM prompts WHERE id = 2").collectAsList();
    Row r = rows.get(0);
    assertNotNull(r.getString(0));
    assertEquals(r.getString(0), r.getStruct(1).getString(0));
    assertEquals(r.getString(0), r.getString(2));
    assertEquals(6, r.getStruct(1).getInt(3));
  }
}
