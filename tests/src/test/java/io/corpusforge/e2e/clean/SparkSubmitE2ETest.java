package io.corpusforge.e2e.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.e2e.ProjectPaths;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clean job through Spark's own submit path (org.apache.spark.deploy.SparkSubmit, what the spark-submit script
 * runs) with the same arguments as bin/pipeline, in a fresh JVM: proof that the job classes need no launcher of ours.
 */
class SparkSubmitE2ETest {
  @TempDir
  Path tmp;

  @Test
  void cleanRunsUnderSparkSubmit() throws Exception {
    Path root = ProjectPaths.root();
    Path jar;
    try (var files = Files.list(root.resolve("jobs/target"))) {
      jar = files.filter(f -> f.getFileName().toString().matches("jobs-[0-9.]+(-SNAPSHOT)?\\.jar")).findFirst()
          .orElse(null);
    }
    Assumptions.assumeTrue(jar != null, "skipped: jobs jar not built (run through mvn verify)");
    Path out = tmp.resolve("out");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("@" + root.resolve("bin/jvm.options"));
    cmd.add("-Xmx2g");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of("org.apache.spark.deploy.SparkSubmit", "--master", "local[2]", "--class",
        "io.corpusforge.cli.Pipeline", "--conf", "spark.ui.enabled=false", jar.toString(),
        "clean", "--input", root.resolve("samples/corpus/news.jsonl").toString(), "--output", out.toString(),
        "--set", "clean.min-chinese-chars.min=40"));
    Path log = tmp.resolve("submit.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "spark-submit did not finish");
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), printed);
    assertTrue(printed.contains("clean: 14 rows in, 14 out, 0 rejected"), printed);
    assertTrue(new File(out.resolve("kept").toFile(), "_SUCCESS").exists());
    assertTrue(Files.exists(out.resolve("_SUCCESS")), "the stage's output is committed");
    assertEquals(14, new ObjectMapper().readTree(out.resolve("report.json").toFile()).at("/rows/out").asLong());
  }
}
