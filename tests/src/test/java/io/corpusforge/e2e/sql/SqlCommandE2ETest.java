package io.corpusforge.e2e.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.cli.Pipeline;
import io.corpusforge.e2e.ProjectPaths;
import io.corpusforge.jobs.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/pipeline sql} (in-process, the arguments a user types) with a fixture model on local[2]. */
class SqlCommandE2ETest {
  @TempDir
  static Path dir;
  static Path model;
  static Path products;

  @BeforeAll
  static void setUp() throws Exception {
    model = ProjectPaths.root().resolve("udf-inference/src/test/resources/engine-fixtures/qwen3-f16.gguf");
    Assumptions.assumeTrue(Files.isReadable(model), "skipped: engine fixture " + model + " is absent");
    TestSpark.session();
    products = dir.resolve("products.jsonl");
    Files.write(products, List.of("{\"id\":1,\"title\":\"高腰阔腿牛仔裤\"}", "{\"id\":2,\"title\":\"保温杯 500ml\"}",
        "{\"id\":3}", "{\"id\":4,\"title\":\"纯棉T恤\"}"), StandardCharsets.UTF_8);
  }

  private record Run(int code, String out, String err) {}

  private static Run pipeline(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream previous = System.out;
    PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
    System.setOut(stdout); // Dataset.show prints to System.out
    try {
      int code = Pipeline.run(args, stdout, new PrintStream(err, true, StandardCharsets.UTF_8));
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(previous);
    }
  }

  private static final String[] FIXTURE = {"--llm", "chat=false", "--llm", "engine.context-length=256", "--master",
      "local[2]"};

  private static String[] args(String... own) {
    String[] all = new String[own.length + FIXTURE.length];
    System.arraycopy(own, 0, all, 0, own.length);
    System.arraycopy(FIXTURE, 0, all, own.length, FIXTURE.length);
    return all;
  }

  @Test
  void queryPrintsGeneratedTextAndErrorsWithoutFailing() throws Exception {
    Run run = pipeline(args("sql", "--model", model.toString(), "--query",
        "SELECT id, length(llm_generate(concat('商品：', title), 6, 0.0, 1)) > 0 AS generated, "
            + "llm_generate_struct(title, 4).finish_reason AS finish, llm_generate_struct(title, 4).error AS error "
            + "FROM json.`" + products + "` ORDER BY id"));
    assertEquals(0, run.code(), run.err());
    String out = run.out();
    assertTrue(out.contains("|id |generated|finish|error"), out);
    assertTrue(out.contains("|1  |true     |length|NULL"), out);
    assertTrue(out.contains("|3  |NULL     |error |bad row: the prompt is null|"), out);
    assertTrue(out.contains("|4  |true     |length|NULL"), out);
  }

  @Test
  void fileWithSeveralStatementsWritesParquet() throws Exception {
    Path sql = dir.resolve("q.sql");
    Files.writeString(sql, """
        -- product titles to copy
        CREATE OR REPLACE TEMP VIEW p AS SELECT id, title FROM json.`%s`;
        SELECT id, llm_generate(title, 5, 0.7, id) AS copy, llm_generate_struct(title, 5, 0.7, id) AS r
        FROM p;
        """.formatted(products), StandardCharsets.UTF_8);
    Path output = dir.resolve("out");
    Run run = pipeline(args("sql", "--file", sql.toString(), "--model", model.toString(), "--output",
        output.toString()));
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("sql: wrote 4 rows to " + output), run.out());
    List<Row> rows = TestSpark.session().read().parquet(output.toString()).orderBy("id").collectAsList();
    assertEquals(4, rows.size());
    for (Row r : rows) {
      Row struct = r.getStruct(2);
      if (r.getLong(0) == 3) {
        assertNull(r.get(1));
        assertEquals("error", struct.getString(1));
      } else {
        assertNotNull(r.getString(1));
        assertEquals(r.getString(1), struct.getString(0), "same seed, same text");
        assertEquals(5, struct.getInt(3));
      }
    }
  }

  @Test
  void usageErrors() throws Exception {
    assertEquals(2, pipeline("sql", "--query", "SELECT 1", "--file", "x.sql").code());
    Run unknown = pipeline("sql", "--query", "SELECT 1", "--llm", "temprature=0");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown setting spark.corpusforge.llm.temprature"), unknown.err());
    assertEquals(2, pipeline("sql", "--query", "SELECT 1", "--model", dir.resolve("none.gguf").toString()).code());
  }
}
