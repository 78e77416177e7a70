package io.corpusforge.jobs.io;

import io.corpusforge.cli.CliArgs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Reading "Parquet or JSON Lines with an id and a text column" — the input of the jobs that follow clean (dedup,
 * vocab) — through Spark's own readers, unioned by column name, other columns kept. A malformed JSON line shows up
 * as Spark's {@code _corrupt_record}. (The clean job reads raw corpora, of any format and encoding, with
 * {@link CorpusReader}.)
 */
public final class IdTextInputs {
  private IdTextInputs() {}

  public static Dataset<Row> read(SparkSession spark, List<String> inputs) throws IOException {
    Dataset<Row> all = null;
    for (String input : inputs) {
      Dataset<Row> one = formatOf(spark, input).equals("parquet")
          ? spark.read().parquet(input)
          : spark.read().json(input);
      all = all == null ? one : all.unionByName(one, true);
    }
    requireColumn(all, "id", true);
    requireColumn(all, "text", false);
    return all;
  }

  /** "parquet" or "json", from the file name or, for a directory, from the data files in it. */
  static String formatOf(SparkSession spark, String input) throws IOException {
    Path path = new Path(input);
    FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!fs.exists(path)) {
      throw new CliArgs.UsageException("--input " + input + ": no such file or directory");
    }
    List<String> names = new ArrayList<>();
    if (fs.getFileStatus(path).isDirectory()) {
      for (FileStatus s : fs.listStatus(path)) {
        names.add(s.getPath().getName().toLowerCase(Locale.ROOT));
      }
    } else {
      names.add(path.getName().toLowerCase(Locale.ROOT));
    }
    if (names.stream().anyMatch(n -> n.endsWith(".parquet"))) {
      return "parquet";
    }
    // Spark's JSON reader decompresses .gz and .bz2 itself (zstd would need Hadoop's native codec)
    if (names.stream().anyMatch(n -> n.matches(".*\\.(jsonl|json|ndjson)(\\.gz|\\.bz2)?"))) {
      return "json";
    }
    throw new CliArgs.UsageException("--input " + input + ": found no *.parquet or *.jsonl/*.json(.gz) files");
  }

  public static boolean hasColumn(Dataset<Row> df, String name) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The column must exist and be a string (or, where allowed, a number). */
  public static void requireColumn(Dataset<Row> df, String name, boolean numericAllowed) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equals(name)) {
        DataType t = f.dataType();
        if (t.equals(DataTypes.StringType) || (numericAllowed && t instanceof NumericType)) {
          return;
        }
        throw new CliArgs.UsageException("input column '" + name + "' has type " + t.simpleString()
            + "; expected string" + (numericAllowed ? " or a number" : ""));
      }
    }
    throw new CliArgs.UsageException("input has no '" + name + "' column (columns: "
        + String.join(", ", df.columns()) + ")");
  }
}
