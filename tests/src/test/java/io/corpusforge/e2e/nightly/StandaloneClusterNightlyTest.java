package io.corpusforge.e2e.nightly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.e2e.ProjectPaths;
import io.corpusforge.e2e.SparkDistribution;
import io.corpusforge.e2e.generate.LongContextFixture;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly chain on a real Spark standalone cluster on 127.0.0.1: a Master and a Worker started from the Spark
 * jars as their own JVMs (a Spark "distribution" laid out as SPARK_HOME/jars with only Spark and its dependencies,
 * none of ours), the chain submitted through Spark's own SparkSubmit with the dist/ jar as the only application
 * jar, tasks running in an executor JVM the Worker launches. Checks every stage's output and that the executor did
 * the work.
 */
class StandaloneClusterNightlyTest {
  static final String DATE = "2026-12-06";

  @TempDir
  Path tmp;
  final List<Process> processes = new ArrayList<>();

  @Test
  void nightlyChainOnStandaloneCluster() throws Exception {
    Path root = ProjectPaths.root();
    Path appJar;
    try (Stream<Path> files = Files.list(root.resolve("dist/target"))) {
      appJar = files.filter(f -> f.getFileName().toString().matches("corpusforge-.*-spark\\.jar")).findFirst()
          .orElse(null);
    }
    Assumptions.assumeTrue(appJar != null, "skipped: dist/target/corpusforge-*-spark.jar not built (mvn package)");
    try (var jar = new java.util.zip.ZipFile(appJar.toFile())) {
      List<String> names = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
      assertTrue(names.stream().noneMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("org/apache/hadoop/")
          || n.startsWith("scala/")), "Spark, Hadoop and Scala are provided, not packed");
      assertTrue(names.containsAll(List.of("conf/pipeline.conf", "conf/nightly.conf",
          "io/corpusforge/shaded/com/typesafe/config/Config.class")), "conf/ packed, Typesafe Config relocated");
    }
    Path sparkHome = SparkDistribution.create(tmp.resolve("spark-home"), false);
    Path model = LongContextFixture.withContext(LongContextFixture.fixture("qwen3-f16.gguf"),
        tmp.resolve("qwen3.gguf"), 4096);
    int masterPort = freePort();
    String master = "spark://127.0.0.1:" + masterPort;
    try {
      Path masterLog = start("master", sparkHome, "-Xmx256m -Dspark.master.rest.enabled=false",
          "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(freePort()));
      awaitLine(masterLog, "I have been elected leader", 90);
      Path workDir = tmp.resolve("worker");
      Path workerLog = start("worker", sparkHome, "-Xmx256m", "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", "2", "--memory", "2g", "--webui-port", String.valueOf(freePort()),
          "--work-dir", workDir.toString(), master);
      awaitLine(workerLog, "Successfully registered with master", 90);

      Path nightlyRoot = tmp.resolve("nightly");
      Path submitLog = start("submit", sparkHome, "-Xmx1500m", "org.apache.spark.deploy.SparkSubmit",
          "--master", master, "--deploy-mode", "client", "--class", "io.corpusforge.cli.Pipeline",
          "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
          "--conf", "spark.executor.memory=1500m", "--conf", "spark.cores.max=2",
          "--conf", "spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector",
          "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
          appJar.toString(), "nightly", "--date", DATE,
          "--set", "nightly.root=" + NightlyE2ETest.quote(nightlyRoot),
          "--set", "nightly.corpus=[" + NightlyE2ETest.quote(ProjectPaths.samples().resolve("corpus")) + "]",
          "--set", "nightly.products=[" + NightlyE2ETest.quote(ProjectPaths.samples().resolve(
              "products/catalog.jsonl")) + "]",
          "--set", "nightly.generate.model=" + NightlyE2ETest.quote(model),
          "--set", "generate.product-copy.types.live-script.max-new-tokens=24",
          "--set", "generate.product-copy.types.selling-points.max-new-tokens=24");
      Process submit = processes.getLast();
      assertTrue(submit.waitFor(8, TimeUnit.MINUTES), "spark-submit did not finish");
      String printed = Files.readString(submitLog, StandardCharsets.UTF_8);
      assertEquals(0, submit.exitValue(), printed);

      Path run = nightlyRoot.resolve("dt=" + DATE);
      for (String stage : List.of("clean", "dedup", "vocab", "generate")) {
        assertTrue(Files.exists(run.resolve(stage).resolve("_SUCCESS")), stage + " committed\n" + printed);
      }
      JsonNode report = new ObjectMapper().readTree(run.resolve("report.json").toFile());
      assertTrue(report.path("run").path("ok").asBoolean(), report.toString());
      JsonNode docs = report.path("documents");
      assertEquals(48, docs.path("clean_input").asLong(), "the sample corpus' records (samples/README.md)");
      assertEquals(37, docs.path("clean_kept").asLong());
      assertEquals(34, docs.path("dedup_kept").asLong(),
          "the three near-duplicate pairs of samples/README.md collapse once clean removed their chrome");
      assertEquals(34, docs.path("summaries").asLong());
      assertEquals(8 * 3, docs.path("product_copy_texts").asLong(), "three copy types for each of 8 products");
      report.path("accounting").forEach(a -> assertTrue(a.path("balanced").asBoolean(), a.toString()));
      assertTrue(report.path("vocabulary").path("vocab_size").asInt() > 1000, "vocab trained with smartcn words");
      assertTrue(Files.size(run.resolve("vocab/tokenizer.json")) > 0);
      assertTrue(report.path("run").path("notices").isEmpty(), "a configured model: no placeholder notice");

      // the tasks ran in the executor JVM the Worker launched, not in the driver
      String executorLog = executorStderr(workDir);
      assertTrue(executorLog.contains("Running task"), executorLog);
      assertTrue(executorLog.contains("Fetching spark://127.0.0.1") && executorLog.contains(appJar.getFileName()
          .toString()), "the executor fetched the application jar from the driver:\n" + executorLog);
    } finally {
      for (Process p : processes.reversed()) {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
  }

  private Path start(String name, Path sparkHome, String jvmOptions, String mainClass, String... args) throws IOException {
    Path root = ProjectPaths.root();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "@" + root.resolve("bin/jvm.options")));
    cmd.addAll(List.of(jvmOptions.split(" ")));
    cmd.addAll(List.of("-cp", SparkDistribution.classpath(sparkHome), mainClass));
    cmd.addAll(List.of(args));
    Path log = tmp.resolve(name + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("JAVA_HOME", System.getProperty("java.home"));
    processes.add(pb.start());
    return log;
  }

  private void awaitLine(Path log, String line, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
        return;
      }
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new AssertionError(log + ": a cluster process exited early:\n" + Files.readString(log));
        }
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no '" + line + "' in " + log + " after " + seconds + " s:\n" + Files.readString(log));
  }

  private static String executorStderr(Path workDir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Stream<Path> files = Files.walk(workDir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
        sb.append(Files.readString(f, StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
