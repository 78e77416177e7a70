package io.corpusforge.jobs.generate.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import io.corpusforge.cli.CliArgs;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.generate.GenerateSettings;
import io.corpusforge.jobs.generate.input.InputFormat;
import io.corpusforge.jobs.generate.run.PartitionGenerator;
import io.corpusforge.jobs.generate.run.PartitionStats;
import io.corpusforge.jobs.generate.run.ResumeKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The generate job: input rows to {@code OUTPUT/data/part-<run>-<partition>.parquet}, one committed part per input
 * partition and run, plus {@code OUTPUT/report.json}. With {@code resume}, rows already in {@code OUTPUT/data} for
 * the same model, template and params are skipped, so a killed run, resumed, ends with every row exactly once.
 */
public final class GenerateJob {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  /** The command line, checked. */
  public record Request(GenerateSettings.Task task, PartitionGenerator.Method method, List<String> inputs,
      String inputFormat, String output, Optional<String> model, boolean resume, long limit) {}

  /** What a run did, also written to report.json. */
  public record Result(String runId, InputFormat format, List<PartitionStats> partitions, long outputRowsTotal,
      String dataDir) {
    public long errors() {
      return partitions.stream().mapToLong(PartitionStats::errorRows).sum();
    }

    public long written() {
      return partitions.stream().mapToLong(PartitionStats::outputRows).sum();
    }
  }

  private GenerateJob() {}

  public static Result run(SparkSession spark, Request req, Config config) {
    GenerateSettings settings = GenerateSettings.from(config, req.task()); // fails early on a bad config
    if (req.method() == PartitionGenerator.Method.LLM && req.model().isEmpty()) {
      throw new CliArgs.UsageException("--model is required with --method llm");
    }
    if (req.method() == PartitionGenerator.Method.EXTRACTIVE && req.task() != GenerateSettings.Task.SUMMARY) {
      throw new CliArgs.UsageException("--method extractive works with --task summary only");
    }
    Configuration hadoopConf = spark.sparkContext().hadoopConfiguration();
    Path root = new Path(req.output());
    Path data = new Path(root, "data");
    ResumeKeys done = existingKeys(spark, hadoopConf, data, req.resume());
    String runId = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"))
        + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));

    InputFormat format = InputReader.resolve(spark, req.inputs(), req.inputFormat());
    JavaRDD<String> lines = InputReader.read(spark, req.inputs(), format);
    if (req.limit() > 0) {
      long limit = req.limit();
      lines = lines.zipWithIndex().filter(t -> t._2() < limit).map(Tuple2::_1);
    }
    if (settings.partitions() > 0) {
      // by a hash of the row: the same row lands in the same partition in every run
      int n = settings.partitions();
      lines = lines.mapToPair(l -> new Tuple2<>(l, 0)).partitionBy(new HashPartitioner(n)).keys();
    }
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ResumeKeys> doneBroadcast = sc.broadcast(done);
    Broadcast<SerializableConfiguration> conf = sc.broadcast(new SerializableConfiguration(hadoopConf));
    mkdirs(hadoopConf, data);
    LOG.info("generate run {}: task {}, method {}, input {} ({}), {} partitions, {} outputs already done",
        runId, req.task().cliName, req.method().name().toLowerCase(), req.inputs(), format.name().toLowerCase(),
        lines.getNumPartitions(), done.size());
    PartitionTask task = new PartitionTask(PipelineConfig.render(config), req.task(), req.method(),
        req.model().orElse(null), data.toString(), runId, doneBroadcast, conf);
    List<PartitionStats> stats = lines.mapPartitionsWithIndex(task, false).collect();
    long total = hasParts(hadoopConf, data) ? spark.read().parquet(data.toString()).count() : 0;
    Result result = new Result(runId, format, stats, total, data.toString());
    writeReport(hadoopConf, root, req, result);
    return result;
  }

  /** Keys of the rows already in the output; an output with rows and no --resume is a usage error. */
  private static ResumeKeys existingKeys(SparkSession spark, Configuration conf, Path data, boolean resume) {
    if (!hasParts(conf, data)) {
      return ResumeKeys.none();
    }
    if (!resume) {
      throw new CliArgs.UsageException("output " + data.getParent() + " already has generated rows; pass --resume "
          + "to add only the missing ones, or choose a new --output");
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

  private static void writeReport(Configuration conf, Path root, Request req, Result result) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    report.put("run_id", result.runId());
    report.put("task", req.task().cliName);
    report.put("method", req.method().name().toLowerCase());
    report.put("input_format", result.format().name().toLowerCase());
    report.putPOJO("inputs", req.inputs());
    report.put("model", req.model().orElse(null));
    report.put("resume", req.resume());
    report.put("outputs_written_this_run", result.written());
    report.put("error_rows_this_run", result.errors());
    report.put("outputs_skipped_as_done", result.partitions().stream().mapToLong(PartitionStats::skippedRows).sum());
    report.put("rows_in_output", result.outputRowsTotal());
    long gen = result.partitions().stream().mapToLong(PartitionStats::generatedTokens).sum();
    long engine = result.partitions().stream().mapToLong(PartitionStats::engineNanos).sum();
    long load = result.partitions().stream().mapToLong(PartitionStats::engineLoadNanos).sum();
    long total = result.partitions().stream().mapToLong(PartitionStats::totalNanos).sum();
    report.put("generated_tokens", gen);
    report.put("prompt_tokens", result.partitions().stream().mapToLong(PartitionStats::promptTokens).sum());
    report.put("prompt_tokens_from_prefix_cache",
        result.partitions().stream().mapToLong(PartitionStats::cachedPromptTokens).sum());
    report.put("task_seconds", total / 1e9);
    report.put("engine_load_seconds", load / 1e9);
    report.put("engine_seconds", engine / 1e9);
    // the job's own overhead is the rest: parsing, prompts, checks, Parquet
    report.put("engine_share_of_task_time_after_load", total > load ? (double) engine / (total - load) : 0);
    ArrayNode parts = report.putArray("partitions");
    for (PartitionStats s : result.partitions()) {
      parts.add(json.valueToTree(s));
    }
    try {
      FileSystem fs = root.getFileSystem(conf);
      byte[] bytes = json.writeValueAsString(report).getBytes(StandardCharsets.UTF_8);
      for (Path p : List.of(new Path(root, "report.json"), new Path(new Path(root, "_runs"), result.runId() + ".json"))) {
        try (OutputStream out = fs.create(p, true)) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report under " + root, e);
    }
  }
}
