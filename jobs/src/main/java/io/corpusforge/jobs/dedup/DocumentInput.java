package io.corpusforge.jobs.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.corpusforge.cli.CliArgs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * Reads the documents to dedup: Parquet or JSON Lines, one or several paths (a file or a directory), unioned by
 * column name. Needs a string {@code text} column and an {@code id} column (string, or a number, compared as its
 * decimal string); {@code quality_score} is optional. Adds the internal columns {@code _id} (id as string),
 * {@code _q} (quality score as double or null) and {@code _reject} (null for valid rows).
 */
public final class DocumentInput {
  /** Internal columns added by {@link #read}; everything else is the user's schema. */
  public static final List<String> INTERNAL = List.of("_id", "_q", "_reject");

  private DocumentInput() {}

  public static Dataset<Row> read(SparkSession spark, List<String> inputs) throws IOException {
    Dataset<Row> all = null;
    for (String input : inputs) {
      Dataset<Row> one = switch (formatOf(spark, input)) {
        case "parquet" -> spark.read().parquet(input);
        default -> spark.read().json(input);
      };
      all = all == null ? one : all.unionByName(one, true);
    }
    return validate(all);
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
    if (names.stream().anyMatch(n -> n.matches(".*\\.(jsonl|json|ndjson)(\\.gz|\\.zst|\\.bz2)?"))) {
      return "json";
    }
    throw new CliArgs.UsageException("--input " + input + ": found no *.parquet or *.jsonl/*.json files");
  }

  static Dataset<Row> validate(Dataset<Row> df) {
    requireColumn(df, "id", true);
    requireColumn(df, "text", false);
    Column q = hasColumn(df, "quality_score") ? col("quality_score").cast("double") : lit(null).cast("double");
    Column id = col("id").cast("string");
    Dataset<Row> withInternal = df
        .withColumn("_id", id)
        .withColumn("_q", when(q.isNaN(), lit(null).cast("double")).otherwise(q))
        .withColumn("_reject",
            when(id.isNull().or(trim(id).equalTo("")), lit("missing-id"))
                .when(col("text").isNull(), lit("missing-text")))
        .localCheckpoint(); // parsed once; the branches below read it from memory/disk
    // One row per id: a repeated id keeps the row the representative policy prefers; the rest are rejected.
    // Only ids that do repeat (normally none or few) go through the window, so the bulk of the text is never
    // sorted; the small table of repeated ids is broadcast by Spark's adaptive joins.
    Dataset<Row> repeated = withInternal.filter(col("_reject").isNull()).groupBy("_id").count()
        .filter(col("count").gt(1)).select("_id").localCheckpoint();
    var byId = Window.partitionBy("_id").orderBy(
        when(col("_q").isNull(), lit(Double.POSITIVE_INFINITY)).otherwise(col("_q").multiply(-1)),
        org.apache.spark.sql.functions.length(col("text")).desc(), col("text"));
    Dataset<Row> invalid = withInternal.filter(col("_reject").isNotNull());
    Dataset<Row> valid = withInternal.filter(col("_reject").isNull());
    Dataset<Row> unique = valid.join(repeated, "_id", "left_anti");
    Dataset<Row> ranked = valid.join(repeated, "_id", "left_semi")
        .withColumn("_reject", when(row_number().over(byId).gt(1), lit("duplicate-id")))
        .select(java.util.Arrays.stream(unique.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new));
    return unique.unionByName(ranked).unionByName(invalid);
  }

  private static boolean hasColumn(Dataset<Row> df, String name) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equals(name)) {
        return true;
      }
    }
    return false;
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
