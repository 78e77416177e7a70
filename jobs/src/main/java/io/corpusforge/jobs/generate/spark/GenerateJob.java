package io.corpusforge.jobs.generate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import com.typesafe.config.Config;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.generate.GenerateSettings;
import io.corpusforge.jobs.generate.input.InputSettings;
import io.corpusforge.jobs.io.CorpusInput;
import io.corpusforge.jobs.io.InputFormat;
import io.corpusforge.jobs.io.SourceRecord;
import io.corpusforge.jobs.generate.run.PartitionGenerator;
import io.corpusforge.jobs.generate.run.PartitionStats;
import io.corpusforge.jobs.generate.run.ResumeKeys;
import io.corpusforge.jobs.stage.PartitionProgress;
import io.corpusforge.jobs.stage.Rejects;
import io.corpusforge.jobs.stage.Stage;
import io.corpusforge.jobs.stage.StageContext;
import io.corpusforge.jobs.stage.StageException;
import io.corpusforge.jobs.stage.StageResult;
import io.corpusforge.jobs.stage.StageSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The generate stage: input rows to {@code OUTPUT/data/part-<run>-<partition>.parquet}, one committed part per input
 * partition and run. It is resumable: it writes in place, each part committed by its own rename, so with
 * {@code --resume} the rows already in {@code OUTPUT/data} for the same model, template and params are skipped and a
 * killed run, resumed, ends with every row exactly once. Error rows stay in {@code data/} (resume treats them as
 * done) and are also listed in {@code rejected/}, in the schema every stage shares.
 */
public final class GenerateJob implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  /** The command line, checked. */
  public record Request(GenerateSettings.Task task, PartitionGenerator.Method method, List<String> inputs,
      String inputFormat, String output, Optional<String> model, boolean resume, long limit) {}

  private final Request req;
  private final Config config;
  private final GenerateSettings settings;

  /** Checks the request and the {@code generate} config (fails here, before Spark, on a bad one). */
  public GenerateJob(Request req, Config config) {
    this.settings = GenerateSettings.from(config, req.task());
    if (req.method() == PartitionGenerator.Method.LLM && req.model().isEmpty()) {
      throw new StageException("--model is required with --method llm");
    }
    if (req.method() == PartitionGenerator.Method.EXTRACTIVE && req.task() != GenerateSettings.Task.SUMMARY) {
      throw new StageException("--method extractive works with --task summary only");
    }
    this.req = req;
    this.config = config;
  }

  @Override
  public StageSpec spec() {
    return new StageSpec("generate", req.inputs(), List.of("data/", "rejected/", "report.json", "_runs/"),
        config.getConfig("generate").root().unwrapped(), true);
  }

  @Override
  public StageResult run(StageContext ctx) {
    SparkSession spark = ctx.spark();
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    Path data = new Path(ctx.output().dir(), "data");
    ResumeKeys done = existingKeys(spark, hadoopConf, data);

    InputFormat format = CorpusInput.format(spark, req.inputs(), req.inputFormat());
    JavaRDD<Row> lines = CorpusInput.read(spark, req.inputs(), InputSettings.readOptions(config, req.task()), format)
        .javaRDD();
    if (req.limit() > 0) {
      long limit = req.limit();
      lines = lines.zipWithIndex().filter(t -> t._2() < limit).map(Tuple2::_1);
    }
    if (settings.partitions() > 0) {
      // by a hash of the record: the same record lands in the same partition in every run
      int n = settings.partitions();
      lines = lines.mapToPair(r -> new Tuple2<>(partitionKey(CorpusInput.record(r)), r))
          .partitionBy(new HashPartitioner(n)).values();
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ResumeKeys> doneBroadcast = sc.broadcast(done);
    Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(hadoopConf));
    mkdirs(hadoopConf, data);
    ctx.phase("prepare");
    LOG.info("generate run {}: task {}, method {}, input {} ({}), {} partitions, {} outputs already done",
        ctx.runId(), req.task().cliName, req.method().name().toLowerCase(), req.inputs(),
        format.name().toLowerCase(), lines.getNumPartitions(), done.size());
    PartitionTask task = new PartitionTask(PipelineConfig.render(config), req.task(), req.method(),
        req.model().orElse(null), data.toString(), ctx.runId(), doneBroadcast, conf,
        // the skeleton's progress lines, at generate's own interval (a batch of LLM rows can take minutes)
        new PartitionProgress(name(), "generate", settings.progressSeconds()));
    List<PartitionStats> stats = lines.mapPartitionsWithIndex(task, false).collect();
    ctx.phase("generate");
    long total = 0;
    if (hasParts(hadoopConf, data)) {
      Dataset<Row> all = spark.read().parquet(data.toString());
      total = all.count();
      ctx.writeRejects(rejects(all.filter(col("error").isNotNull())));
    } else {
      ctx.writeRejects(spark.createDataFrame(List.of(), Rejects.SCHEMA));
    }
    ctx.phase("rejects");
    GenerateSection section = new GenerateSection(req, format, stats, total);
    return new StageResult(section.inputRows(), section.written(), section);
  }

  private static String partitionKey(SourceRecord r) {
    return r.id() + "\n" + (r.json() != null ? r.json() : r.record());
  }

  /**
   * Error rows in the common rejects schema; an input error ({@code input: REASON: detail}) keeps the reader's
   * reason (so it counts together with the other stages'), the output row is the record.
   */
  private Dataset<Row> rejects(Dataset<Row> errors) {
    Column e = col("error");
    Column reason = when(e.rlike("^input: [a-z-]+: "), regexp_extract(e, "^input: ([a-z-]+): ", 1))
        // error rows that an older version wrote into an output this run resumes
        .when(e.startsWith("input: not valid JSON").or(e.startsWith("input: not a JSON object")),
            lit("malformed-json"))
        .when(e.startsWith("input: document has no text"), lit("missing-text"))
        .when(e.startsWith("input: product has no"), lit("missing-fields"))
        .when(e.startsWith("input: "), lit("input-error"))
        .when(e.contains("does not fit").or(e.contains("leaves no room")), lit("prompt-too-long"))
        .otherwise(lit("generation-failed"));
    Column record = to_json(struct(col("id"), col("task"), col("copy_type"), col("finish_reason"), col("error"),
        col("model_sha256"), col("template_hash"), col("params_hash")));
    return Rejects.of(errors, name(), col("id"), reason, lit(null), e, record);
  }

  /** Keys of the rows already in the output (only a --resume run finds any: the skeleton refuses the others). */
  private static ResumeKeys existingKeys(SparkSession spark, Configuration conf, Path data) {
    if (!hasParts(conf, data)) {
      return ResumeKeys.none();
    }
    // hashed on the executors: the driver receives 8 bytes per row
    List<Long> keys = spark.read().parquet(data.toString())
        .selectExpr("id", "copy_type", "model_sha256", "template_hash", "params_hash").javaRDD()
        .map(r -> ResumeKeys.key(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4)))
        .collect();
    return ResumeKeys.of(keys.stream().mapToLong(Long::longValue).toArray());
  }

  private static boolean hasParts(Configuration conf, Path data) {
    try {
      FileSystem fs = data.getFileSystem(conf);
      return fs.exists(data) && Arrays.stream(fs.listStatus(data)).map(FileStatus::getPath)
          .anyMatch(p -> p.getName().startsWith("part-") && p.getName().endsWith(".parquet"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + data, e);
    }
  }

  private static void mkdirs(Configuration conf, Path dir) {
    try {
      dir.getFileSystem(conf).mkdirs(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
