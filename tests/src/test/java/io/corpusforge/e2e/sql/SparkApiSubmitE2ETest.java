package io.corpusforge.e2e.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.e2e.ProjectPaths;
import io.corpusforge.e2e.SparkDistribution;
import io.corpusforge.e2e.generate.LongContextFixture;
import io.corpusforge.jobs.TestSpark;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark API as docs/spark-api.md tells a user to deploy it: a user's own application (compiled here against
 * Spark and the udf-inference jar only) submitted through Spark's SparkSubmit from a Spark "distribution" that has
 * none of our jars, with exactly the documented {@code --jars} (udf-inference + tokenization), the model shipped
 * with {@code --files} and named by file name in {@code spark.corpusforge.llm.model}. The app runs the SQL functions
 * and the ML Transformer in a Pipeline; the Parquet it writes is checked here.
 */
class SparkApiSubmitE2ETest {
  @TempDir
  Path tmp;

  @Test
  void userApplicationWithDocumentedJarsAndFiles() throws Exception {
    Path udfJar = SparkDistribution.moduleJar("udf-inference");
    Path tokenizationJar = SparkDistribution.moduleJar("tokenization");
    Path sparkHome = SparkDistribution.create(tmp.resolve("spark-home"), true);
    Path appJar = compileApp(sparkHome, udfJar);
    Path model = LongContextFixture.withContext(LongContextFixture.fixture("qwen3-f16.gguf"),
        tmp.resolve("models/qwen3-fixture.gguf"), 512);
    Path out = tmp.resolve("out");
    Path work = Files.createDirectories(tmp.resolve("cwd")); // the model is not in the working directory

    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "@" + ProjectPaths.root().resolve("bin/jvm.options"), "-Xmx1500m", "-cp",
        SparkDistribution.classpath(sparkHome), "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
        "--jars", udfJar + "," + tokenizationJar, "--files", model.toString(),
        "--conf", "spark.corpusforge.llm.model=" + model.getFileName(),
        "--conf", "spark.corpusforge.llm.chat=false",
        "--conf", "spark.ui.enabled=false",
        "--class", "UserLlmApp", appJar.toString(), out.toString()));
    Path log = tmp.resolve("submit.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", sparkHome.toString());
    Process p = pb.start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit did not finish");
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), printed);

    List<Row> rows = TestSpark.session().read().parquet(out.toString()).orderBy("id").collectAsList();
    assertEquals(8, rows.size(), printed);
    for (Row r : rows) {
      long id = r.getLong(r.fieldIndex("id"));
      Row sqlResult = r.getStruct(r.fieldIndex("sql_result"));
      String text = r.getString(r.fieldIndex("generated_text"));
      String error = r.getString(r.fieldIndex("error"));
      if (id == 5) { // a null prompt is that row's error, in both APIs; the job goes on
        assertNull(r.get(r.fieldIndex("sql_text")));
        assertEquals("error", sqlResult.getString(sqlResult.fieldIndex("finish_reason")));
        assertNull(text);
        assertNotNull(error);
        assertEquals("error", r.getString(r.fieldIndex("finish_reason")));
        continue;
      }
      assertNull(error, "row " + id);
      assertNotNull(text, "row " + id);
      int generated = r.getInt(r.fieldIndex("generated_tokens"));
      String finish = r.getString(r.fieldIndex("finish_reason"));
      assertTrue(finish.equals("length") ? generated == 6 : finish.equals("stop") && generated <= 6,
          "row " + id + ": " + finish + " after " + generated + " tokens");
      assertEquals(generated, sqlResult.getInt(sqlResult.fieldIndex("generated_tokens")), "row " + id);
      // same prompt, seed and sampling through the SQL function and the Transformer: the same text
      assertEquals(r.getString(r.fieldIndex("sql_text")), text, "row " + id);
      assertEquals(text, sqlResult.getString(sqlResult.fieldIndex("text")), "row " + id);
    }
  }

  /** javac on the app's source against the distribution's jars and the udf-inference jar, then a jar of it. */
  private Path compileApp(Path sparkHome, Path udfJar) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "a JDK is needed to compile the user application");
    Path source = ProjectPaths.root().resolve("tests/src/test/resources/spark-api-app/UserLlmApp.java");
    Path classes = Files.createDirectories(tmp.resolve("app-classes"));
    List<String> entries = new ArrayList<>();
    try (var jars = Files.list(sparkHome.resolve("jars"))) { // javac's API does not expand "dir/*"
      jars.forEach(j -> entries.add(j.toString()));
    }
    entries.add(udfJar.toString());
    String classpath = String.join(File.pathSeparator, entries);
    int rc = javac.run(null, null, null, "-proc:none", "-cp", classpath, "-d", classes.toString(), source.toString());
    assertEquals(0, rc, "the user application compiles against Spark and udf-inference alone");
    Path jar = tmp.resolve("user-app.jar");
    try (OutputStream os = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(os)) {
      jos.putNextEntry(new JarEntry("UserLlmApp.class"));
      jos.write(Files.readAllBytes(classes.resolve("UserLlmApp.class")));
      jos.closeEntry();
    }
    return jar;
  }
}
