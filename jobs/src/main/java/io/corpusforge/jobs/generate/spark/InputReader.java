package io.corpusforge.jobs.generate.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.corpusforge.jobs.generate.input.InputFormat;
import io.corpusforge.jobs.generate.input.JdCorpus;
import io.corpusforge.jobs.generate.input.RecordParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Reads the input files as one JSON object per element, whatever their format: JSON Lines as is, Parquet rows
 * rendered by Spark's {@code toJSON}, JD corpus files through {@link JdCorpus}. One parsing path follows.
 */
public final class InputReader {
  /** The error of a line that is not UTF-8 (the reason name {@code undecodable} is the one every reader uses). */
  static final String UNDECODABLE = "input: undecodable: line holds bytes that are not UTF-8";

  private InputReader() {}

  public static InputFormat resolve(SparkSession spark, List<String> inputs, String format) {
    if (!format.equalsIgnoreCase("auto")) {
      return InputFormat.parse(format);
    }
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    Path first = firstFile(conf, new Path(inputs.get(0)));
    try (InputStream in = first.getFileSystem(conf).open(first)) {
      return InputFormat.detect(in.readNBytes(4096));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + first, e);
    }
  }

  private static Path firstFile(Configuration conf, Path p) {
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new IllegalArgumentException("input not found: " + p);
      }
      FileStatus st = fs.getFileStatus(p);
      if (st.isFile()) {
        return p;
      }
      return Arrays.stream(fs.listStatus(p)).filter(FileStatus::isFile)
          .filter(s -> !s.getPath().getName().startsWith("_") && !s.getPath().getName().startsWith("."))
          .filter(s -> !s.getPath().getName().toLowerCase(java.util.Locale.ROOT).endsWith(".md")) // READMEs
          .filter(s -> s.getLen() > 0)
          .map(FileStatus::getPath).min(Comparator.comparing(Path::getName))
          .orElseThrow(() -> new IllegalArgumentException("input directory has no data files: " + p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + p, e);
    }
  }

  public static JavaRDD<String> read(SparkSession spark, List<String> inputs, InputFormat format) {
    return switch (format) {
      case JSONL -> jsonLines(spark, inputs);
      case PARQUET -> spark.read().parquet(inputs.toArray(String[]::new)).toJSON().javaRDD();
      case JD -> jd(spark, inputs);
    };
  }

  /**
   * JSON Lines, read as raw bytes: a line that is not UTF-8 becomes a reader error ({@code undecodable}, as in every
   * stage's reader) instead of text with replacement characters. Blank lines are not records.
   */
  private static JavaRDD<String> jsonLines(SparkSession spark, List<String> inputs) {
    Column line = col("value");
    Column undecodable = to_json(struct(lit(UNDECODABLE).as(RecordParser.READER_ERROR), line.as("line")));
    return spark.read().text(inputs.toArray(String[]::new)).where(not(line.rlike("^\\s*$")))
        .select(when(expr("is_valid_utf8(value)"), line).otherwise(undecodable))
        .as(Encoders.STRING()).javaRDD();
  }

  private static JavaRDD<String> jd(SparkSession spark, List<String> inputs) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> conf =
        sc.broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    JavaRDD<String> all = null;
    for (String input : inputs) {
      JavaRDD<String> one = sc.wholeTextFiles(input).flatMap(file -> {
        Path path = new Path(file._1());
        String name = path.getName();
        if (!JdCorpus.isRecordFile(name) || name.endsWith(".md")) {
          return new ArrayList<String>().iterator();
        }
        String partner = JdCorpus.sourcePartner(name).map(p -> readIfExists(conf.value().value(),
            new Path(path.getParent(), p))).orElse(null);
        return JdCorpus.records(name, file._2(), partner).iterator();
      });
      all = all == null ? one : all.union(one);
    }
    return all;
  }

  private static String readIfExists(Configuration conf, Path p) {
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        return null;
      }
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }
}
