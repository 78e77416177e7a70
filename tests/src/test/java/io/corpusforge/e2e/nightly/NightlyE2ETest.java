package io.corpusforge.e2e.nightly;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.Pipeline;
import io.corpusforge.e2e.ProjectPaths;
import io.corpusforge.jobs.TestSpark;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly chain end to end on the sample corpus (with bad files mixed in) and the sample catalog, in one
 * sequence of runs on one root: a generate stage that fails half-way (its summaries written, then product copy
 * dies on a model file that is not GGUF) and the resume; every input record accounted for per stage from the
 * outputs; a second run that skips every stage; a changed dedup setting reported, and --force.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyE2ETest {
  static final String DATE = "2026-12-06";
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir
  static Path dir;
  static Path corpus;
  static Path root;
  static SparkSession spark;

  @BeforeAll
  static void setUp() throws IOException {
    spark = TestSpark.session();
    corpus = dir.resolve("corpus");
    copyTree(ProjectPaths.samples().resolve("corpus"), corpus);
    Path bad = corpus.resolve("bad");
    Files.createDirectories(bad);
    // malformed JSON, a record without text, a blank line, a too-short text, a top-level array
    Files.writeString(bad.resolve("broken.jsonl"), "{\"id\":\"bad-1\",\"text\":\"被截断的记录\n{\"id\":\"bad-2\"}\n\n"
        + "{\"id\":\"bad-3\",\"text\":\"短\"}\n[1,2,3]\n", StandardCharsets.UTF_8);
    // a gzip file cut off inside its first line
    var gz = new ByteArrayOutputStream();
    try (var out = new GZIPOutputStream(gz)) {
      out.write(("{\"id\":\"gz-1\",\"text\":\"" + "压缩文件在这里被截断了。".repeat(2000) + "\"}\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    Files.write(bad.resolve("cut-off.jsonl.gz"), Arrays.copyOf(gz.toByteArray(), gz.size() / 2));
    // binary bytes with a text-like name, and Latin-1 text without any Chinese
    byte[] noise = new byte[2048];
    new java.util.Random(13).nextBytes(noise);
    Files.write(bad.resolve("noise.txt"), noise);
    Files.write(bad.resolve("latin1.txt"), "Un texte en français, rien de chinois ici. ".repeat(6)
        .getBytes(StandardCharsets.ISO_8859_1));
    root = dir.resolve("nightly");
  }

  @Test
  @Order(1)
  void failResumeAccountSkipChangeAndForce() throws Exception {
    Path notAModel = dir.resolve("not-a-model.gguf");
    Files.writeString(notAModel, "this is not a GGUF file");

    // 1. product copy fails on a broken model after the summaries were written
    Run failed = nightly("--set", "nightly.generate.model=" + quote(notAModel));
    assertEquals(1, failed.code, failed.out);
    assertEquals(Map.of("clean", "ran", "dedup", "ran", "vocab", "ran", "generate", "failed"), failed.statuses());
    assertTrue(failed.stage("generate").path("error").asText().contains("not a GGUF file"), failed.out);
    Path run = root.resolve("dt=" + DATE);
    for (String s : List.of("clean", "dedup", "vocab")) {
      assertTrue(Files.exists(run.resolve(s).resolve("_SUCCESS")), s + " committed");
    }
    assertFalse(Files.exists(run.resolve("generate")), "no half-written generate/ in place");
    try (Stream<Path> files = Files.list(run)) {
      assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains("generate")).toList(),
          "the failed attempt's work directory (summaries already written) is removed");
    }
    assertTrue(Files.exists(run.resolve("report.html")));

    // 2. resume without the broken model: finished stages skipped, generate runs with the placeholder model
    Run resumed = nightly();
    assertEquals(0, resumed.code, resumed.out);
    assertEquals(Map.of("clean", "skipped", "dedup", "skipped", "vocab", "skipped", "generate", "ran"),
        resumed.statuses());
    assertTrue(resumed.report.path("run").path("notices").get(0).asText().contains("meaningless"));
    assertTrue(resumed.out.contains("meaningless"), "the log says the placeholder's text is meaningless");
    JsonNode versions = resumed.report.path("run").path("versions");
    assertFalse(versions.path("git_commit").asText().isEmpty(), versions.toString());
    assertFalse(versions.path("spark").asText().isEmpty(), versions.toString());
    String html = Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("placeholder-notice") && html.contains("nightly.generate.model"));

    // 3. every input record accounted for, per stage, from the outputs
    accountForEveryRecord(run, resumed.report);

    // 4. nothing changed: every stage skipped, outputs untouched
    String dedupCommit = Files.readString(run.resolve("dedup/_STAGE.json"));
    Run again = nightly();
    assertEquals(0, again.code, again.out);
    assertEquals(Map.of("clean", "skipped", "dedup", "skipped", "vocab", "skipped", "generate", "skipped"),
        again.statuses());
    assertEquals(dedupCommit, Files.readString(run.resolve("dedup/_STAGE.json")));

    // 5. a changed setting of a finished stage is reported, not mixed in
    Run changed = nightly("--set", "dedup.threshold=0.9");
    assertEquals(2, changed.code, changed.out);
    assertEquals(Map.of("clean", "skipped", "dedup", "config-changed", "vocab", "not-run", "generate", "not-run"),
        changed.statuses());
    assertTrue(changed.stage("dedup").path("differences").toString().contains("dedup.threshold: 0.8 -> 0.9"),
        changed.report.toString());
    assertEquals(dedupCommit, Files.readString(run.resolve("dedup/_STAGE.json")), "dedup output left as it was");

    // 6. --force recomputes every stage with the new setting
    Run forced = nightly("--set", "dedup.threshold=0.9", "--force");
    assertEquals(0, forced.code, forced.out);
    assertEquals(Map.of("clean", "ran", "dedup", "ran", "vocab", "ran", "generate", "ran"), forced.statuses());
    assertTrue(Files.readString(run.resolve("dedup/_STAGE.json")).contains("\"dedup.threshold\" : \"0.9\""));
  }

  /** The report of the run above in a real browser: offline, no console messages, every chart drawn. */
  @Test
  @Order(2)
  void reportOpensInHeadlessChromium() throws Exception {
    Path html = root.resolve("dt=" + DATE).resolve("report.html");
    Assumptions.assumeTrue(Files.exists(html), "skipped: the nightly run above did not write report.html");
    var browser = HeadlessChromium.find();
    Assumptions.assumeTrue(browser.isPresent(),
        "skipped: no chromium on PATH; bin/setup installs Debian's chromium (apt-get install -y chromium)");
    String source = Files.readString(html);
    assertFalse(source.matches("(?s).*(src|href)\\s*=\\s*[\"']?(https?:)?//.*"), "nothing loaded from outside");
    Path shot = ProjectPaths.root().resolve("tests/target/nightly-report.png"); // kept for a person to look at
    Files.createDirectories(shot.getParent());
    var page = browser.get().open(html, shot, Files.createDirectories(dir.resolve("chromium-profile")));
    assertEquals(List.of(), page.consoleLines(), "no console messages");
    // (the last run above used dedup.threshold=0.9, where the samples have no duplicates: no cluster chart)
    for (String chart : List.of("documents-per-stage", "removals-clean", "length-histogram", "top-words",
        "throughput", "errors-flagged")) {
      assertTrue(page.dom().contains("id=\"" + chart + "\""), "chart " + chart + " in the DOM");
    }
    assertTrue(HeadlessChromium.inkShare(page.screenshot()) > 0.03, "screenshot not blank");
    // the bars of the first series (#4e79a7) are on screen: at least a few thousand pixels of them
    assertTrue(HeadlessChromium.pixels(page.screenshot(), 0x4e79a7) > 5000, "bars drawn");
  }

  /** notebooks/nightly-outputs.ipynb executed headless on the run above: every cell runs, charts come out. */
  @Test
  @Order(3)
  void notebookRunsOnTheRunsParquet() throws Exception {
    Path run = root.resolve("dt=" + DATE);
    Assumptions.assumeTrue(Files.exists(run.resolve("generate/_SUCCESS")), "skipped: the nightly run above failed");
    Path jupyter = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
        .map(d -> Path.of(d, "jupyter")).filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(jupyter != null && Files.isDirectory(ProjectPaths.root().resolve(
        "oracle/node_modules/@duckdb")), "skipped: jupyter or oracle/node_modules absent; bin/setup installs them");
    Path out = dir.resolve("notebook");
    ProcessBuilder p = new ProcessBuilder(jupyter.toString(), "nbconvert", "--to", "notebook", "--execute",
        "--ExecutePreprocessor.timeout=300", "--output-dir", out.toString(),
        ProjectPaths.root().resolve("notebooks/nightly-outputs.ipynb").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("nbconvert.log").toFile());
    p.environment().put("CORPUSFORGE_RUN", run.toString());
    Process started = p.start();
    assertTrue(started.waitFor(6, java.util.concurrent.TimeUnit.MINUTES), "nbconvert did not finish");
    String log = Files.readString(dir.resolve("nbconvert.log"));
    assertEquals(0, started.exitValue(), log);
    JsonNode nb = JSON.readTree(out.resolve("nightly-outputs.ipynb").toFile());
    int images = 0;
    for (JsonNode cell : nb.path("cells")) {
      for (JsonNode o : cell.path("outputs")) {
        assertTrue(!o.path("output_type").asText().equals("error"), o.toString());
        images += o.path("data").has("image/png") ? 1 : 0;
      }
    }
    assertTrue(images >= 5, "charts in the executed notebook: " + images);
    String text = nb.toString();
    assertTrue(text.contains("clean: rejected") && text.contains("malformed-json"), "tables from the Parquet");
  }

  private void accountForEveryRecord(Path run, JsonNode report) throws IOException {
    long input = InputRecordCount.of(corpus);
    Dataset<Row> cleanKept = parquet(run, "clean/kept");
    Dataset<Row> cleanRejected = parquet(run, "clean/rejected");
    assertEquals(input, cleanKept.count() + cleanRejected.count(), "clean: kept + rejected = input records");
    Set<String> rejectedBad = new HashSet<>(cleanRejected.filter(col("id").startsWith("bad/")
        .or(col("id").startsWith("broken.jsonl")).or(col("id").startsWith("cut-off")).or(col("id").startsWith("noise"))
        .or(col("id").startsWith("latin1")).or(col("id").startsWith("bad-"))
        .or(col("detail").startsWith("bad/"))).select("reason").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertTrue(rejectedBad.containsAll(Set.of("malformed-json", "missing-text", "unreadable", "binary")),
        "the bad files are rejected with their reasons: " + rejectedBad);

    Set<String> cleanKeptIds = ids(cleanKept);
    Dataset<Row> clusters = parquet(run, "dedup/clusters");
    Dataset<Row> dedupRejected = parquet(run, "dedup/rejected");
    Set<String> dedupKeptIds = ids(parquet(run, "dedup/kept"));
    Set<String> duplicates = ids(clusters.filter(col("kept").equalTo(false)));
    Set<String> dedupIn = new HashSet<>(ids(clusters));
    dedupIn.addAll(ids(dedupRejected));
    assertEquals(cleanKeptIds, dedupIn, "dedup saw exactly clean's kept documents");
    assertEquals(cleanKeptIds.size(), dedupKeptIds.size() + duplicates.size() + dedupRejected.count(),
        "dedup: kept + rejected + removed as duplicate = input");
    assertTrue(duplicates.size() >= 2, "the sample's near-duplicate pairs collapse: " + duplicates);

    JsonNode vocab = JSON.readTree(run.resolve("vocab/report.json").toFile()).path("vocab"); // the stage section
    long vocabRejected = parquet(run, "vocab/rejected").count();
    assertEquals(dedupKeptIds.size(), vocab.path("training_docs").asLong() + vocab.path("held_out_docs").asLong()
        + vocabRejected, "vocab: training + held out + rejected = dedup's kept");

    Dataset<Row> summaries = parquet(run, "generate/summaries/data");
    assertEquals(dedupKeptIds, ids(summaries), "one summary row per deduplicated document");
    assertEquals(0, summaries.filter(col("error").isNotNull()).count());
    long products = Files.readAllLines(ProjectPaths.samples().resolve("products/catalog.jsonl")).size();
    Dataset<Row> copy = parquet(run, "generate/copy/data");
    assertEquals(products * 3, copy.count(), "three copy types per product");

    for (JsonNode a : report.path("accounting")) {
      assertTrue(a.path("balanced").asBoolean(), a.toString());
    }
    assertEquals(input, report.path("documents").path("clean_input").asLong());
  }

  private static Dataset<Row> parquet(Path run, String child) {
    return spark.read().parquet(run.resolve(child).toString());
  }

  private static Set<String> ids(Dataset<Row> rows) {
    return new HashSet<>(rows.select("id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }

  record Run(int code, String out, JsonNode report) {
    Map<String, String> statuses() {
      Map<String, String> m = new TreeMap<>();
      report.path("stages").forEach(s -> m.put(s.path("stage").asText(), s.path("status").asText()));
      return m;
    }

    JsonNode stage(String name) {
      for (JsonNode s : report.path("stages")) {
        if (s.path("stage").asText().equals(name)) {
          return s;
        }
      }
      throw new AssertionError("no stage " + name + " in " + report);
    }
  }

  /** One nightly run in this JVM (the shared local[2] session), as bin/pipeline would run it. */
  static Run nightly(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("nightly", "--date", DATE,
        "--set", "nightly.root=" + quote(root),
        "--set", "nightly.corpus=[" + quote(corpus) + "]",
        "--set", "nightly.products=[" + quote(ProjectPaths.samples().resolve("products/catalog.jsonl")) + "]",
        // short generations keep the test fast; everything else is the shipped configuration
        "--set", "generate.product-copy.types.live-script.max-new-tokens=40",
        "--set", "generate.product-copy.types.selling-points.max-new-tokens=40"));
    args.addAll(Arrays.asList(extra));
    var buffer = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int code;
    try (PrintStream capture = new PrintStream(new TeeStream(original, buffer), true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      code = Pipeline.run(args.toArray(String[]::new), capture, System.err);
    } finally {
      System.setOut(original);
    }
    JsonNode report = JSON.readTree(root.resolve("dt=" + DATE).resolve("report.json").toFile());
    return new Run(code, buffer.toString(StandardCharsets.UTF_8), report);
  }

  static String quote(Object path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Prints to the console and keeps a copy for the assertions. */
  static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
