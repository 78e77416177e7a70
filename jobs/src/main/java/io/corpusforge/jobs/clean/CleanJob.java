package io.corpusforge.jobs.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;

import com.typesafe.config.Config;
import io.corpusforge.clean.CleanChain;
import io.corpusforge.clean.CleanChainFactory;
import io.corpusforge.jobs.OutputDir;
import io.corpusforge.jobs.io.CorpusReader;
import io.corpusforge.jobs.io.InputSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The clean job as Spark composition: read inputs → count lines recurring across documents of a source
 * ({@link SiteLineCounts}, broadcast) → run the chain on every record (one chain per task, shipped from the driver)
 * → write {@code kept/} and {@code rejected/} from the same persisted result → aggregate the
 * report. Every input record lands in exactly one of the two outputs.
 */
public final class CleanJob {
  private CleanJob() {}

  public static CleanReport run(SparkSession spark, List<String> inputs, String output, Config config,
      boolean overwrite) {
    long start = System.nanoTime();
    Config clean = config.getConfig("clean");
    CleanChain chain = CleanChainFactory.fromConfig(clean);
    InputSettings settings = InputSettings.fromConfig(clean);
    OutputDir out = OutputDir.prepare(spark, output, overwrite);

    Dataset<Row> raw = CorpusReader.read(spark, inputs, settings);
    Map<String, long[]> frequent = chain.ruleNames().contains("site-boilerplate")
        ? SiteLineCounts.frequentLines(raw, chain, clean.getConfig("site-boilerplate")) : Map.of();
    Broadcast<Map<String, long[]>> frequentLines = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new HashMap<>(frequent));
    RecordCleaner cleaner = new RecordCleaner(chain, settings, frequentLines);
    Dataset<Row> cleaned = raw.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> map(rows, cleaner),
        Encoders.row(RecordCleaner.SCHEMA)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      cleaned.filter(col("status").equalTo(RecordCleaner.KEPT))
          .select("id", "text", "original_length", "cleaned_length", "edited_by", "quality_score", "metadata")
          .write().option("compression", "zstd").parquet(out.path("kept"));
      cleaned.filter(col("status").equalTo(RecordCleaner.REJECTED))
          .select("id", "reason", "value", "detail", "original_text", "metadata")
          .write().option("compression", "zstd").parquet(out.path("rejected"));
      CleanReport report = report(cleaned, inputs, output, chain, (System.nanoTime() - start) / 1e9);
      out.writeText("report.json", report.toJson());
      return report;
    } finally {
      cleaned.unpersist();
      frequentLines.destroy();
    }
  }

  private static Iterator<Row> map(Iterator<Row> rows, RecordCleaner cleaner) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public Row next() {
        return cleaner.clean(rows.next());
      }
    };
  }

  private static CleanReport report(Dataset<Row> cleaned, List<String> inputs, String output, CleanChain chain,
      double seconds) {
    Map<String, Long> byStatus = new TreeMap<>();
    long bytesIn = 0;
    long bytesOut = 0;
    for (Row r : cleaned.groupBy("status").agg(count("*"), sum("original_bytes"), sum("cleaned_bytes"))
        .collectAsList()) {
      byStatus.put(r.getString(0), r.getLong(1));
      bytesIn += r.getLong(2);
      bytesOut += r.getLong(3);
    }
    Map<String, Long> rejectedBy = collectCounts(cleaned.filter(col("reason").isNotNull())
        .groupBy("reason").agg(count("*")));
    Map<String, Long> editedBy = collectCounts(cleaned.select(explode(col("edited_by")).as("rule"))
        .groupBy("rule").agg(count("*")));
    Map<String, Long> counters = collectCounts(cleaned.select(explode(col("counters")))
        .groupBy("key").agg(sum("value")));
    long kept = byStatus.getOrDefault(RecordCleaner.KEPT, 0L);
    long rejected = byStatus.getOrDefault(RecordCleaner.REJECTED, 0L);
    return new CleanReport(new ArrayList<>(inputs), output, kept + rejected, kept, rejected, bytesIn, bytesOut,
        chain.ruleNames(), inOrder(chain.ruleNames(), rejectedBy), inOrder(chain.ruleNames(), editedBy), counters,
        seconds);
  }

  private static Map<String, Long> collectCounts(Dataset<Row> grouped) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : grouped.collectAsList()) {
      m.put(r.getString(0), ((Number) r.get(1)).longValue());
    }
    return m;
  }

  /** Rule counts in chain order (input errors first), which is how a person reads the funnel. */
  private static Map<String, Long> inOrder(List<String> ruleNames, Map<String, Long> counts) {
    Map<String, Long> ordered = new LinkedHashMap<>();
    Map<String, Long> rest = new TreeMap<>(counts);
    ruleNames.forEach(rest::remove);
    ordered.putAll(rest);
    for (String name : ruleNames) {
      if (counts.containsKey(name)) {
        ordered.put(name, counts.get(name));
      }
    }
    return ordered;
  }
}
