package io.corpusforge.bench.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.dedup.DocumentSketcher;
import io.corpusforge.dedup.PairMetrics;
import io.corpusforge.jobs.SparkSessions;
import io.corpusforge.jobs.dedup.ConnectedComponents;
import io.corpusforge.jobs.dedup.DedupJob;
import io.corpusforge.jobs.dedup.DedupSection;
import io.corpusforge.jobs.dedup.DedupSettings;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.stage.OutputPolicy;
import io.corpusforge.jobs.stage.StageReport;
import io.corpusforge.jobs.stage.StageRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * The dedup benchmark: generates a labelled corpus, then runs either this project's dedup job or Spark MLlib's
 * MinHashLSH.approxSimilarityJoin (same shingles, same number of hash functions, same threshold, components by
 * the same Spark connected-components code) in this JVM, and appends wall time, pair P/R/F1 and peak memory to
 * WORK/results.jsonl. Run each method in its own JVM (see docs/benchmarks.md (dedup section)):
 *
 * <pre>
 *   DedupBenchmark generate DOCS SEED WORK          (levels 1.0 .95 .9 .85 | .7 .6 .5)
 *   DedupBenchmark generate-dense DOCS SEED WORK    (levels every 0.05 from 0.5 to 1.0)
 *   DedupBenchmark ours WORK
 *   DedupBenchmark mllib WORK TIMEOUT_MINUTES
 * </pre>
 */
public final class DedupBenchmark {
  private DedupBenchmark() {}

  public static void main(String[] args) throws Exception {
    DedupSettings settings = DedupSettings.from(PipelineConfig.defaults());
    switch (args[0]) {
      case "generate" -> generate(settings, Integer.parseInt(args[1]), Long.parseLong(args[2]), Path.of(args[3]),
          NearDuplicateCorpus.LEVELS);
      case "generate-dense" -> generate(settings, Integer.parseInt(args[1]), Long.parseLong(args[2]),
          Path.of(args[3]), NearDuplicateCorpus.DENSE_LEVELS);
      case "ours" -> ours(settings, Path.of(args[1]));
      case "mllib" -> mllib(settings, Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("usage: generate DOCS SEED WORK | ours WORK | mllib WORK MIN");
    }
  }

  private static void generate(DedupSettings settings, int docs, long seed, Path work, double[] levels)
      throws Exception {
    long t0 = System.nanoTime();
    NearDuplicateCorpus.Corpus corpus = new NearDuplicateCorpus(settings.sketcher(), settings.threshold(), levels)
        .generate(docs, seed);
    NearDuplicateCorpus.write(corpus, work);
    PairMetrics truth = PairMetrics.of(corpus.truth(), corpus.truth());
    System.out.printf("generated %d docs (%d true duplicate pairs) in %.1f s into %s%n", corpus.docs().size(),
        truth.truePairs(), (System.nanoTime() - t0) / 1e9, work);
  }

  private static SparkSession spark() {
    SparkSession spark = SparkSessions.getOrCreate("dedup-benchmark", Optional.empty());
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  private static void ours(DedupSettings settings, Path work) throws Exception {
    SparkSession spark = spark();
    Path out = work.resolve("out-ours");
    long t0 = System.nanoTime();
    StageReport stage = StageRunner.run(spark, new DedupJob(List.of(work.resolve("docs").toString()), settings,
        ReadOptions.of(PipelineConfig.defaults(), "dedup.input")), out.toString(), OutputPolicy.OVERWRITE,
        PipelineConfig.defaults());
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.print(stage.summary());
    DedupSection report = (DedupSection) stage.section();
    Map<String, String> predicted = new HashMap<>();
    for (Row r : spark.read().parquet(out.resolve("clusters").toString()).select("id", "cluster_id")
        .collectAsList()) {
      predicted.put(r.getString(0), r.getString(1));
    }
    record(work, "ours", seconds, metrics(work, predicted), Map.of("candidate_pairs", report.candidatePairs(),
        "verified_pairs", report.verifiedPairs(), "component_rounds", report.componentRounds()));
  }

  private static void mllib(DedupSettings settings, Path work, int timeoutMinutes) throws Exception {
    SparkSession spark = spark();
    // With Spark's defaults approxSimilarityJoin dies with "Not enough memory to build and broadcast the table"
    // already at 5k documents (the exploded hash table is far larger than the size estimate): force sort-merge.
    spark.conf().set("spark.sql.autoBroadcastJoinThreshold", "-1");
    DocumentSketcher sketcher = settings.sketcher();
    int features = 1 << 24; // shingle hash -> feature index; collisions merge ~0.003% of shingles
    UserDefinedFunction toVector = udf((String text) -> {
      long[] sh = sketcher.shingles(text);
      if (sh.length == 0) {
        return null; // MinHashLSH rejects empty vectors
      }
      int[] idx = Arrays.stream(sh).mapToInt(h -> (int) (h >>> 40)).distinct().sorted().toArray();
      double[] ones = new double[idx.length];
      Arrays.fill(ones, 1.0);
      return Vectors.sparse(features, idx, ones);
    }, new VectorUDT());
    long t0 = System.nanoTime();
    CompletableFuture<Map<String, String>> run = CompletableFuture.supplyAsync(() -> {
      Dataset<Row> docs = spark.read().json(work.resolve("docs").toString())
          .select(col("id"), toVector.apply(col("text")).as("features"))
          .filter(col("features").isNotNull());
      MinHashLSHModel model = new MinHashLSH().setNumHashTables(settings.numHashes()).setSeed(settings.seed())
          .setInputCol("features").setOutputCol("hashes").fit(docs);
      // approxSimilarityJoin keeps distance < threshold; Jaccard >= t means distance <= 1 - t
      Dataset<Row> pairs = model.approxSimilarityJoin(docs, docs, 1 - settings.threshold() + 1e-9, "distance")
          .select(col("datasetA.id").as("src"), col("datasetB.id").as("dst"))
          .filter(col("src").lt(col("dst")))
          .localCheckpoint();
      Map<String, String> predicted = new HashMap<>();
      for (Row r : ConnectedComponents.compute(pairs, settings.maxComponentIterations()).labels().collectAsList()) {
        predicted.put(r.getString(0), r.getString(1));
      }
      return predicted;
    });
    try {
      Map<String, String> predicted = run.get(timeoutMinutes, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - t0) / 1e9;
      record(work, "mllib", seconds, metrics(work, predicted), Map.of());
    } catch (TimeoutException e) {
      spark.sparkContext().cancelAllJobs();
      double seconds = (System.nanoTime() - t0) / 1e9;
      record(work, "mllib", seconds, null, Map.of("did_not_finish", "timeout after " + timeoutMinutes + " min"));
    }
    spark.stop();
    System.exit(0);
  }

  /** Pair metrics against labels.jsonl; documents in no predicted cluster are singletons. */
  private static PairMetrics metrics(Path work, Map<String, String> predictedClusters) throws Exception {
    Map<String, String> truth = new HashMap<>();
    Map<String, String> predicted = new HashMap<>();
    for (NearDuplicateCorpus.Label l : NearDuplicateCorpus.readLabels(work.resolve("labels.jsonl"))) {
      truth.put(l.id(), l.truthCluster());
      predicted.put(l.id(), predictedClusters.getOrDefault(l.id(), l.id()));
    }
    return PairMetrics.of(truth, predicted);
  }

  private static void record(Path work, String method, double seconds, PairMetrics m, Map<String, ?> extra)
      throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("method", method);
    r.put("docs", NearDuplicateCorpus.readLabels(work.resolve("labels.jsonl")).size());
    r.put("seconds", Math.round(seconds * 10) / 10.0);
    if (m != null) {
      r.put("precision", m.precision());
      r.put("recall", m.recall());
      r.put("f1", m.f1());
      r.put("true_pairs", m.truePairs());
      r.put("predicted_pairs", m.predictedPairs());
    }
    r.put("cpu_seconds", Math.round(cpuSeconds() * 10) / 10.0);
    r.put("peak_heap_mb", peakHeapMb());
    r.put("peak_rss_mb", peakRssMb());
    r.putAll(extra);
    String line = new ObjectMapper().writeValueAsString(r);
    System.out.println(line);
    Files.writeString(work.resolve("results.jsonl"), line + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** CPU time of this whole JVM (driver and, in local mode, executors): less sensitive to a busy machine. */
  private static double cpuSeconds() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() / 1e9 : -1;
  }

  /** Sum of the peak usage of the heap pools: the driver's (and, in local mode, the executors') heap. */
  private static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  /** Peak resident set size of this JVM (Linux VmHWM), or -1 where /proc is missing. */
  private static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}
