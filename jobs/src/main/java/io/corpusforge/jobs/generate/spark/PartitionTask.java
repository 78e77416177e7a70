package io.corpusforge.jobs.generate.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.corpusforge.inference.Engine;
import io.corpusforge.inference.spark.EngineService;
import io.corpusforge.jobs.generate.GenerateSettings;
import io.corpusforge.jobs.generate.input.InputRecord;
import io.corpusforge.jobs.generate.input.InputSettings;
import io.corpusforge.jobs.generate.input.RecordParser;
import io.corpusforge.jobs.io.CorpusInput;
import io.corpusforge.jobs.generate.run.EngineCalls;
import io.corpusforge.jobs.generate.run.OutputRow;
import io.corpusforge.jobs.generate.run.PartitionGenerator;
import io.corpusforge.jobs.generate.run.PartitionStats;
import io.corpusforge.jobs.generate.run.ResumeKeys;
import io.corpusforge.jobs.stage.PartitionProgress;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one Spark task does with its partition: parse rows, generate in batches of {@code generate.batch-rows}
 * through the executor's shared engine ({@link EngineService}: the rows of all the executor's tasks share its
 * forward steps), stream the output rows into the partition's Parquet part and commit it.
 */
final class PartitionTask implements Function2<Integer, Iterator<Row>, Iterator<PartitionStats>>, Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionTask.class);

  private final String configHocon;
  private final GenerateSettings.Task task;
  private final PartitionGenerator.Method method;
  private final String model;
  private final String dataDir;
  private final String runId;
  private final Broadcast<ResumeKeys> done;
  private final Broadcast<SerializableConfiguration> hadoop;
  private final PartitionProgress progress;

  PartitionTask(String configHocon, GenerateSettings.Task task, PartitionGenerator.Method method, String model,
      String dataDir, String runId, Broadcast<ResumeKeys> done, Broadcast<SerializableConfiguration> hadoop,
      PartitionProgress progress) {
    this.configHocon = configHocon;
    this.task = task;
    this.method = method;
    this.model = model;
    this.dataDir = dataDir;
    this.runId = runId;
    this.done = done;
    this.hadoop = hadoop;
    this.progress = progress;
  }

  @Override
  public Iterator<PartitionStats> call(Integer partition, Iterator<Row> lines) throws Exception {
    long start = System.nanoTime();
    PartitionProgress.Ticker ticker = progress.start();
    Configuration conf = hadoop.value().value();
    Path target = OutputParts.partPath(new Path(dataDir), runId, partition);
    FileSystem fs = target.getFileSystem(conf);
    if (fs.exists(target)) {
      // an earlier attempt of this task committed: its rows are final
      LOG.info("partition {}: {} already committed by an earlier attempt", partition, target.getName());
      return List.of(new PartitionStats(partition, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, target.toString())).iterator();
    }
    Config config = ConfigFactory.parseString(configHocon).resolve();
    GenerateSettings settings = GenerateSettings.from(config, task);
    RecordParser parser = InputSettings.parser(config, task);
    EngineCalls calls = null;
    long loadNanos = 0;
    if (method == PartitionGenerator.Method.LLM) {
      long loadStart = System.nanoTime();
      Engine engine = EngineService.get(ModelFiles.local(model, conf), settings.engineOptions());
      loadNanos = System.nanoTime() - loadStart;
      calls = new EngineCalls(engine);
    }
    TaskContext tc = TaskContext.get();
    String attempt = tc == null ? "0" : tc.taskAttemptId() + "-" + tc.attemptNumber();
    long inputRows = 0;
    long errors = 0;
    long flagged = 0;
    Path committed;
    long outputRows;
    try (PartitionGenerator generator = new PartitionGenerator(settings, method, calls, done.value());
        OutputParts.Writer writer = new OutputParts.Writer(conf, target, attempt)) {
      List<InputRecord> batch = new ArrayList<>(settings.batchRows());
      while (lines.hasNext() || !batch.isEmpty()) {
        if (lines.hasNext()) {
          batch.add(parser.parse(CorpusInput.record(lines.next())));
          inputRows++;
          if (batch.size() < settings.batchRows() && lines.hasNext()) {
            continue;
          }
        }
        for (OutputRow row : generator.process(batch)) {
          writer.write(row);
          if (row.error() != null) {
            errors++;
          } else if (!row.flags().isEmpty()) {
            flagged++;
          }
        }
        batch.clear();
        if (lines.hasNext()) {
          long read = inputRows;
          long errorRows = errors;
          long flaggedRows = flagged;
          long load = loadNanos;
          ticker.rows(read, () -> stats(partition, read, generator, writer.rows(), errorRows, flaggedRows, load,
              start, null).detail());
        }
      }
      outputRows = writer.rows();
      committed = writer.commit();
      PartitionStats stats = stats(partition, inputRows, generator, outputRows, errors, flagged, loadNanos, start,
          committed == null ? null : committed.toString());
      ticker.done(inputRows, stats.detail());
      return List.of(stats).iterator();
    }
  }

  private static PartitionStats stats(int partition, long inputRows, PartitionGenerator generator, long outputRows,
      long errors, long flagged, long loadNanos, long start, String partFile) {
    return new PartitionStats(partition, inputRows, generator.skipped(), outputRows, errors, flagged,
        generator.promptTokens(), generator.cachedPromptTokens(), generator.generatedTokens(), loadNanos,
        generator.engineNanos(), System.nanoTime() - start, partFile);
  }
}
