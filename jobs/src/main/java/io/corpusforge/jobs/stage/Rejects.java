package io.corpusforge.jobs.stage;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rejected rows of every stage, in one schema, so a user can union the {@code rejected/} directories of a
 * whole run and count them by stage and reason:
 * <pre>
 *   id     string  the record's id (for a record without one: where it came from, e.g. file:line)
 *   stage  string  the stage that rejected it (clean, dedup, vocab, generate)
 *   reason string  why, a stable kebab-case word (malformed-json, missing-text, min-chinese-chars, ...)
 *   value  double  the measured value behind the reason (a ratio, a size in bytes), or null
 *   detail string  a human-readable detail (the parser's message, the threshold), or null
 *   record string  the original record as far as it could be read (JSON line, row as JSON, document text),
 *                  truncated to stage.rejects.record-max-chars
 * </pre>
 */
public final class Rejects {
  /** Directory name under a stage's output. */
  public static final String DIR = "rejected";

  public static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.StringType, true)
      .add("stage", DataTypes.StringType, false)
      .add("reason", DataTypes.StringType, false)
      .add("value", DataTypes.DoubleType, true)
      .add("detail", DataTypes.StringType, true)
      .add("record", DataTypes.StringType, true);

  private Rejects() {}

  /** Rejected rows of {@code rows} in the common schema, from one expression per column. */
  public static Dataset<Row> of(Dataset<Row> rows, String stage, Column id, Column reason, Column value,
      Column detail, Column record) {
    return rows.select(id.cast("string").as("id"), lit(stage).as("stage"), reason.cast("string").as("reason"),
        value.cast("double").as("value"), detail.cast("string").as("detail"), record.cast("string").as("record"));
  }

  /**
   * Writes {@code rejects} (in {@link #SCHEMA}) to {@code rejected/} under the output and returns their count by
   * reason, read back from what was written (exact, and upstream work is not recomputed).
   */
  static Map<String, Long> write(Dataset<Row> rejects, StageOutput out, int recordMaxChars) {
    if (!rejects.schema().fieldNames()[0].equals("id") || rejects.schema().size() != SCHEMA.size()) {
      throw new IllegalArgumentException("rejected rows must have the columns " + String.join(", ",
          SCHEMA.fieldNames()) + "; got " + rejects.schema().simpleString() + " (build them with Rejects.of)");
    }
    String path = out.path(DIR);
    rejects.select(col("id"), col("stage"), col("reason"), col("value"), col("detail"),
            substring(col("record"), 1, recordMaxChars).as("record"))
        .sortWithinPartitions("id")
        .write().mode("overwrite").option("compression", "zstd").parquet(path);
    Map<String, Long> byReason = new TreeMap<>();
    for (Row r : rejects.sparkSession().read().parquet(path).groupBy("reason").count().collectAsList()) {
      byReason.put(r.getString(0), r.getLong(1));
    }
    return byReason;
  }
}
