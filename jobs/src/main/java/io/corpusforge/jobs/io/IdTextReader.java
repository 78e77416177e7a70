package io.corpusforge.jobs.io;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.corpusforge.jobs.stage.StageException;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The one reader of id/text corpora (the clean job's {@code kept/}, or any corpus with an id and a text): JSON
 * Lines and Parquet through Spark's readers, with every column kept (so a stage can pass them through), and plain
 * text files ({@code .txt}, {@code .html}: one document per file, id = its path) through {@link CorpusReader}.
 * Several inputs are unioned by column name.
 *
 * <p>Every row gets the internal columns {@link #INTERNAL}: {@code _id} (the id as a string), {@code _reject}
 * (null, or why the row cannot be used), {@code _reject_value}, {@code _reject_detail} and {@code _record} (the
 * original record: the JSON line, or the row as JSON). The reject reasons are those of the clean job's raw reader:
 * {@code malformed-json}, {@code missing-id}, {@code missing-text}, {@code oversized} (text over
 * {@code stage.input.max-record-bytes} bytes), {@code undecodable} (bytes that are not UTF-8), {@code binary}
 * (plain-text files only). A missing id or text column, or one of the wrong type, is a
 * {@link StageException}: that is a wrong input, not a bad record.
 */
public final class IdTextReader {
  /** The columns {@link #read} adds; everything else is the user's schema. */
  public static final List<String> INTERNAL = List.of("_id", "_reject", "_reject_value", "_reject_detail", "_record");

  private static final String CORRUPT = "_corrupt_record";

  private IdTextReader() {}

  public static Dataset<Row> read(SparkSession spark, List<String> inputs, InputSettings limits) {
    Dataset<Row> all = null;
    for (String input : inputs) {
      Dataset<Row> one = switch (formatOf(spark, input)) {
        case "parquet" -> spark.read().parquet(input);
        case "json" -> spark.read().option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT)
            .json(input);
        default -> plainText(spark, input, limits);
      };
      all = all == null ? one : all.unionByName(one, true);
    }
    requireColumn(all, "id", true);
    requireColumn(all, "text", false);
    return withRejects(all, limits.maxRecordBytes());
  }

  private static Dataset<Row> plainText(SparkSession spark, String input, InputSettings limits) {
    return CorpusReader.read(spark, List.of(input), limits).select(col("id"), col("text"),
        col("input_error").as("_text_error"), col("input_error_value").as("_text_error_value"),
        col("input_error_detail").as("_text_error_detail"));
  }

  private static Dataset<Row> withRejects(Dataset<Row> all, long maxBytes) {
    List<String> columns = Arrays.asList(all.columns());
    boolean json = columns.contains(CORRUPT);
    boolean text = columns.contains("_text_error");
    Column corrupt = json ? col(CORRUPT) : lit(null).cast("string");
    Column textError = text ? col("_text_error") : lit(null).cast("string");
    Column textErrorValue = text ? col("_text_error_value") : lit(null).cast("double");
    Column textErrorDetail = text ? col("_text_error_detail") : lit(null).cast("string");
    Column id = col("id").cast("string");
    Column bytes = expr("octet_length(text)");
    // Spark's JSON reader keeps a line it cannot parse, raw, as _corrupt_record; bytes that are not UTF-8 are what
    // tells an undecodable line from a malformed one (Spark strings are UTF-8 bytes, checked without decoding)
    Column badCorrupt = corrupt.isNotNull().and(expr("is_valid_utf8(" + (json ? CORRUPT : "''") + ")").equalTo(false));
    Column badText = expr("is_valid_utf8(text)").equalTo(false);
    Column reject = when(badCorrupt, lit("undecodable"))
        .when(corrupt.isNotNull(), lit("malformed-json"))
        .when(textError.isNotNull(), textError)
        .when(id.isNull().or(trim(id).equalTo("")), lit("missing-id"))
        .when(col("text").isNull(), lit("missing-text"))
        .when(bytes.gt(maxBytes), lit("oversized"))
        .when(badText, lit("undecodable"));
    Column value = when(corrupt.isNotNull(), org.apache.spark.sql.functions.length(corrupt).cast("double"))
        .when(textError.isNotNull(), textErrorValue)
        .when(bytes.gt(maxBytes), bytes.cast("double"));
    Column detail = when(badCorrupt, lit("line holds bytes that are not UTF-8"))
        .when(corrupt.isNotNull(), lit("not a JSON object on one line"))
        .when(textError.isNotNull(), textErrorDetail)
        .when(bytes.gt(maxBytes), lit("text over " + maxBytes + " bytes"))
        .when(badText, lit("text holds bytes that are not UTF-8"));
    List<String> user = new ArrayList<>(columns);
    user.removeAll(List.of(CORRUPT, "_text_error", "_text_error_value", "_text_error_detail"));
    Column[] userCols = user.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    Column record = coalesce(corrupt, to_json(struct(userCols)));
    List<Column> out = new ArrayList<>(Arrays.asList(userCols));
    out.addAll(List.of(id.as("_id"), reject.as("_reject"), value.cast("double").as("_reject_value"),
        detail.as("_reject_detail"), record.as("_record")));
    return all.select(out.toArray(Column[]::new));
  }

  /** The user's columns of a dataset returned by {@link #read}. */
  public static Column[] userColumns(Dataset<Row> read) {
    return Arrays.stream(read.columns()).filter(c -> !INTERNAL.contains(c)).map(c -> col("`" + c + "`"))
        .toArray(Column[]::new);
  }

  /** "parquet", "json" or "text", from the file name or, for a directory, from the data files in it. */
  static String formatOf(SparkSession spark, String input) {
    try {
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new StageException("input " + input + ": no such file or directory");
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
      if (names.stream().anyMatch(n -> n.matches(".*\\.(txt|html?)"))) {
        return "text";
      }
      throw new StageException("input " + input + ": found no *.parquet, *.jsonl/*.json(.gz) or *.txt/*.html files");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input, e);
    }
  }

  public static boolean hasColumn(Dataset<Row> df, String name) {
    return Arrays.asList(df.columns()).contains(name);
  }

  /** The column must exist and be a string (or, where allowed, a number). */
  static void requireColumn(Dataset<Row> df, String name, boolean numericAllowed) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equals(name)) {
        DataType t = f.dataType();
        if (t.equals(DataTypes.StringType) || (numericAllowed && t instanceof NumericType)) {
          return;
        }
        throw new StageException("input column '" + name + "' has type " + t.simpleString()
            + "; expected string" + (numericAllowed ? " or a number" : ""));
      }
    }
    throw new StageException("input has no '" + name + "' column (columns: "
        + String.join(", ", df.columns()) + ")");
  }
}
