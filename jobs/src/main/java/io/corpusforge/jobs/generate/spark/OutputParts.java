package io.corpusforge.jobs.generate.spark;

import io.corpusforge.jobs.generate.run.OutputRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * One Parquet file per input partition and run, written by the task itself: rows stream into a hidden temporary
 * file, which is renamed to {@code part-<run>-<partition>.parquet} only when the partition is complete. A killed
 * task leaves at most a hidden file that readers ignore; a retried task finds the committed file and stops. This is
 * what makes {@code --resume} exactly-once.
 */
public final class OutputParts {
  /** The output schema; docs/generate.md describes each column. */
  public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
      message generate_output {
        required binary id (STRING);
        required binary task (STRING);
        required binary copy_type (STRING);
        optional binary text (STRING);
        required binary finish_reason (STRING);
        required int32 prompt_tokens;
        required int32 generated_tokens;
        required double latency_ms;
        required binary model_sha256 (STRING);
        required binary template_hash (STRING);
        required binary params_hash (STRING);
        optional double temperature;
        optional int32 top_k;
        optional double top_p;
        optional double min_p;
        optional double repetition_penalty;
        optional double presence_penalty;
        optional int32 max_new_tokens;
        optional int64 seed;
        optional binary error (STRING);
        required group flags (LIST) {
          repeated group list {
            required binary element (STRING);
          }
        }
      }
      """);

  private OutputParts() {}

  public static Path partPath(Path dataDir, String runId, int partition) {
    return new Path(dataDir, String.format("part-%s-%05d.parquet", runId, partition));
  }

  /** A part being written; {@link #commit} makes it visible, {@link #abort} removes it. */
  public static final class Writer implements AutoCloseable {
    private final FileSystem fs;
    private final Path tmp;
    private final Path target;
    private final Configuration conf;
    private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    private ParquetWriter<Group> writer;
    private long rows;

    public Writer(Configuration conf, Path target, String attempt) throws IOException {
      this.conf = conf;
      this.fs = target.getFileSystem(conf);
      this.target = target;
      // a leading dot hides the file from Spark's and Hadoop's readers until the rename
      this.tmp = new Path(target.getParent(), "." + target.getName() + "." + attempt + ".tmp");
    }

    public void write(OutputRow r) throws IOException {
      if (writer == null) {
        writer = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(tmp, conf))
            .withConf(conf)
            .withType(SCHEMA)
            .withCompressionCodec(CompressionCodecName.ZSTD)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build();
      }
      Group g = groups.newGroup();
      g.append("id", r.id()).append("task", r.task()).append("copy_type", r.copyType());
      if (r.text() != null) {
        g.append("text", r.text());
      }
      g.append("finish_reason", r.finishReason()).append("prompt_tokens", r.promptTokens())
          .append("generated_tokens", r.generatedTokens()).append("latency_ms", r.latencyMs())
          .append("model_sha256", r.modelSha256()).append("template_hash", r.templateHash())
          .append("params_hash", r.paramsHash());
      if (r.temperature() != null) {
        g.append("temperature", r.temperature()).append("top_k", r.topK()).append("top_p", r.topP())
            .append("min_p", r.minP()).append("repetition_penalty", r.repetitionPenalty())
            .append("presence_penalty", r.presencePenalty()).append("max_new_tokens", r.maxNewTokens());
      }
      if (r.seed() != null) {
        g.append("seed", r.seed());
      }
      if (r.error() != null) {
        g.append("error", r.error());
      }
      Group flags = g.addGroup("flags");
      for (String f : r.flags()) {
        flags.addGroup("list").append("element", f);
      }
      writer.write(g);
      rows++;
    }

    public long rows() {
      return rows;
    }

    /** Closes the file and renames it into place; returns the part's path, or null when no row was written. */
    public Path commit() throws IOException {
      if (writer == null) {
        return null;
      }
      writer.close();
      writer = null;
      if (!fs.rename(tmp, target)) {
        // another attempt of the same task committed first: its rows are the same (deterministic), keep them
        if (fs.exists(target)) {
          fs.delete(tmp, false);
          return target;
        }
        throw new IOException("cannot rename " + tmp + " to " + target);
      }
      return target;
    }

    public void abort() {
      try {
        if (writer != null) {
          writer.close();
          writer = null;
        }
        fs.delete(tmp, false);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + tmp, e);
      }
    }

    @Override
    public void close() {
      if (writer != null) {
        abort();
      }
    }
  }
}
