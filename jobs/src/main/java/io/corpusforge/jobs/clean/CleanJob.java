package io.corpusforge.jobs.clean;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;

import com.typesafe.config.Config;
import io.corpusforge.clean.CleanChain;
import io.corpusforge.clean.CleanChainFactory;
import io.corpusforge.jobs.io.CorpusInput;
import io.corpusforge.jobs.io.InputFormat;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.stage.PartitionIterators;
import io.corpusforge.jobs.stage.PartitionProgress;
import io.corpusforge.jobs.stage.Rejects;
import io.corpusforge.jobs.stage.Stage;
import io.corpusforge.jobs.stage.StageContext;
import io.corpusforge.jobs.stage.StageResult;
import io.corpusforge.jobs.stage.StageSpec;
import java.util.HashMap;
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
import org.apache.spark.storage.StorageLevel;

/**
 * The clean stage as Spark composition: read inputs → count lines recurring across documents of a source
 * ({@link SiteLineCounts}, broadcast) → run the chain on every record (one chain per task, shipped from the driver) → write {@code kept/} and the rejects from the same persisted result → aggregate the report
 * section. Every input record lands in exactly one of the two outputs.
 */
public final class CleanJob implements Stage {
  private final List<String> inputs;
  private final Config clean;
  private final CleanChain chain;
  private final ReadOptions settings;

  /** Builds the chain from {@code config}'s {@code clean} section (fails here, before Spark, on a bad config). */
  public CleanJob(List<String> inputs, Config config) {
    this.inputs = List.copyOf(inputs);
    this.clean = config.getConfig("clean");
    this.chain = CleanChainFactory.fromConfig(clean);
    this.settings = ReadOptions.of(config, "clean.input");
  }

  @Override
  public StageSpec spec() {
    return new StageSpec("clean", inputs, List.of("kept/", "rejected/", "report.json"), clean.root().unwrapped());
  }

  @Override
  public StageResult run(StageContext ctx) {
    Dataset<Row> raw = CorpusInput.read(ctx.spark(), inputs, settings, InputFormat.BY_NAME);
    Map<String, long[]> frequent = chain.ruleNames().contains("site-boilerplate")
        ? SiteLineCounts.frequentLines(raw, chain, clean.getConfig("site-boilerplate")) : Map.of();
    ctx.phase("count_site_lines");
    Broadcast<Map<String, long[]>> frequentLines = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext())
        .broadcast(new HashMap<>(frequent));
    RecordCleaner cleaner = new RecordCleaner(chain, settings, frequentLines);
    PartitionProgress progress = ctx.progress("clean");
    Dataset<Row> cleaned = raw.mapPartitions(
        (MapPartitionsFunction<Row, Row>) rows -> PartitionIterators.map(progress.wrap(rows), cleaner::clean),
        Encoders.row(RecordCleaner.SCHEMA)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      cleaned.filter(col("status").equalTo(RecordCleaner.KEPT))
          .select("id", "text", "original_length", "cleaned_length", "edited_by", "quality_score", "metadata")
          .write().option("compression", "zstd").parquet(ctx.output().path("kept"));
      ctx.phase("read_clean_write_kept");
      Dataset<Row> rejected = cleaned.filter(col("status").equalTo(RecordCleaner.REJECTED));
      ctx.writeRejects(Rejects.of(rejected, name(), col("id"), col("reason"), col("value"), col("detail"),
          col("original_text")));
      ctx.phase("write_rejects");
      StageResult result = result(cleaned);
      ctx.phase("report");
      return result;
    } finally {
      cleaned.unpersist();
      frequentLines.destroy();
    }
  }

  private StageResult result(Dataset<Row> cleaned) {
    long kept = 0;
    long rejected = 0;
    long bytesIn = 0;
    long bytesOut = 0;
    for (Row r : cleaned.groupBy("status").agg(count("*"), sum("original_bytes"), sum("cleaned_bytes"))
        .collectAsList()) {
      if (r.getString(0).equals(RecordCleaner.KEPT)) {
        kept = r.getLong(1);
      } else {
        rejected = r.getLong(1);
      }
      bytesIn += r.getLong(2);
      bytesOut += r.getLong(3);
    }
    Map<String, Long> rejectedBy = collectCounts(cleaned.filter(col("reason").isNotNull())
        .groupBy("reason").agg(count("*")));
    Map<String, Long> editedBy = collectCounts(cleaned.select(explode(col("edited_by")).as("rule"))
        .groupBy("rule").agg(count("*")));
    Map<String, Long> counters = collectCounts(cleaned.select(explode(col("counters")))
        .groupBy("key").agg(sum("value")));
    return new StageResult(kept + rejected, kept, new CleanSection(bytesIn, bytesOut, chain.ruleNames(),
        inOrder(chain.ruleNames(), rejectedBy), inOrder(chain.ruleNames(), editedBy), counters));
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
