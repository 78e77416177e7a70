package io.corpusforge.jobs.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.bench.dedup.NearDuplicateCorpus;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.dedup.PairMetrics;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.stage.OutputPolicy;
import io.corpusforge.jobs.stage.StageReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a generated, labelled near-duplicate corpus: pair F1 against the exact-Jaccard truth at the default
 * threshold, and identical output for 1 and 8 input partitions.
 */
class DedupQualityTest {
  private final SparkSession spark = TestSpark.session();
  private final DedupSettings settings = DedupSettings.from(PipelineConfig.defaults());

  @TempDir
  Path tmp;

  @Test
  void pairF1AtDefaultThresholdAndPartitionIndependence() throws Exception {
    NearDuplicateCorpus.Corpus corpus =
        new NearDuplicateCorpus(settings.sketcher(), settings.threshold()).generate(1200, 7);
    NearDuplicateCorpus.write(corpus, tmp.resolve("gen"));
    Dataset<Row> docs = spark.read().json(tmp.resolve("gen/docs").toString());
    docs.coalesce(1).write().parquet(tmp.resolve("one").toString());
    docs.repartition(8).write().parquet(tmp.resolve("eight").toString());
    assertEquals(8, Files.list(tmp.resolve("eight")).filter(p -> p.toString().endsWith(".parquet")).count());

    StageReport report1 = DedupJobTest.run(spark, settings, List.of(tmp.resolve("one").toString()),
        tmp.resolve("out1"), OutputPolicy.REFUSE);
    StageReport report8 = DedupJobTest.run(spark, settings, List.of(tmp.resolve("eight").toString()),
        tmp.resolve("out8"), OutputPolicy.REFUSE);
    DedupSection r1 = (DedupSection) report1.section();
    DedupSection r8 = (DedupSection) report8.section();

    for (String dir : List.of("kept", "clusters")) {
      List<Row> a = spark.read().parquet(tmp.resolve("out1/" + dir).toString()).orderBy("id").collectAsList();
      List<Row> b = spark.read().parquet(tmp.resolve("out8/" + dir).toString()).orderBy("id").collectAsList();
      assertEquals(a, b, dir + " differs between 1 and 8 input partitions");
    }
    assertEquals(report1.rowsOut(), report8.rowsOut());
    assertEquals(r1.clusterSizeHistogram(), r8.clusterSizeHistogram());

    Map<String, String> predicted = new HashMap<>();
    for (Row row : spark.read().parquet(tmp.resolve("out1/clusters").toString()).select("id", "cluster_id")
        .collectAsList()) {
      predicted.put(row.getString(0), row.getString(1));
    }
    PairMetrics m = PairMetrics.of(corpus.truth(), predicted);
    System.out.println("dedup quality on 1200 generated docs: " + m + "\n" + report1.summary());
    assertTrue(m.truePairs() > 200, "the corpus should hold a few hundred duplicate pairs: " + m);
    assertTrue(m.f1() >= 0.95, "pair F1 below 0.95: " + m);
    assertTrue(r1.exactDuplicatesRemoved() > 0 && r1.nearDuplicatesRemoved() > 0, report1.summary());
  }
}
