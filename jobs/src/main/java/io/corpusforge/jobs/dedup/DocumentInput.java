package io.corpusforge.jobs.dedup;

import io.corpusforge.jobs.io.IdTextInputs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

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
    Dataset<Row> all = IdTextInputs.read(spark, inputs);
    return validate(all);
  }

  static Dataset<Row> validate(Dataset<Row> df) {
    IdTextInputs.requireColumn(df, "id", true);
    IdTextInputs.requireColumn(df, "text", false);
    Column q = IdTextInputs.hasColumn(df, "quality_score") ? col("quality_score").cast("double") : lit(null).cast("double");
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
}
