package io.corpusforge.jobs.vocab;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.corpusforge.cli.CliArgs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * The documents to learn a vocabulary from: Parquet or JSON Lines files or directories, unioned by column name.
 * Needs an {@code id} (string or number) and a string {@code text} column. Returns {@code _id} (id as a string),
 * {@code text} and {@code _reject} (null, or why the row is not used: malformed-json, missing-id, missing-text).
 */
public final class VocabInput {
  private VocabInput() {}

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
    Column id = col("id").cast("string");
    // Spark's JSON reader keeps an unparsable line as _corrupt_record (other columns null)
    Column malformed = Arrays.asList(all.columns()).contains("_corrupt_record")
        ? col("_corrupt_record").isNotNull() : lit(false);
    return all.select(id.as("_id"), col("text"),
        when(malformed, lit("malformed-json"))
            .when(id.isNull().or(trim(id).equalTo("")), lit("missing-id"))
            .when(col("text").isNull(), lit("missing-text")).as("_reject"));
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
    if (names.stream().anyMatch(n -> n.matches(".*\\.(jsonl|json|ndjson)(\\.gz|\\.bz2)?"))) {
      return "json";
    }
    throw new CliArgs.UsageException("--input " + input + ": found no *.parquet or *.jsonl/*.json files");
  }

  private static void requireColumn(Dataset<Row> df, String name, boolean numericAllowed) {
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
