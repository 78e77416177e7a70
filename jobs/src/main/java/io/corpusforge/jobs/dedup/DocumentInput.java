package io.corpusforge.jobs.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.corpusforge.jobs.io.IdTextReader;
import io.corpusforge.jobs.io.InputSettings;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The documents to dedup, read by {@link IdTextReader} (its reject reasons and internal columns), plus what dedup
 * adds: {@code _q} (quality_score as a double, or null; the column is optional) and the {@code duplicate-id}
 * rejects (a repeated id keeps the row the representative policy prefers).
 */
public final class DocumentInput {
  private DocumentInput() {}

  public static Dataset<Row> read(SparkSession spark, List<String> inputs, InputSettings limits) {
    return validate(IdTextReader.read(spark, inputs, limits));
  }

  /** The user's columns (what {@code kept/} is written with). */
  public static Column[] userColumns(Dataset<Row> read) {
    return Arrays.stream(read.columns()).filter(c -> !IdTextReader.INTERNAL.contains(c) && !c.equals("_q"))
        .map(c -> col("`" + c + "`")).toArray(Column[]::new);
  }

  static Dataset<Row> validate(Dataset<Row> df) {
    Column q = IdTextReader.hasColumn(df, "quality_score") ? col("quality_score").cast("double")
        : lit(null).cast("double");
    Dataset<Row> withInternal = df
        .withColumn("_q", when(q.isNaN(), lit(null).cast("double")).otherwise(q))
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
    Column duplicate = row_number().over(byId).gt(1);
    Dataset<Row> ranked = valid.join(repeated, "_id", "left_semi")
        .withColumn("_reject", when(duplicate, lit("duplicate-id")))
        .withColumn("_reject_detail", when(col("_reject").isNotNull(),
            lit("id repeated; the row with the highest quality_score, then the longest text, is used")))
        .select(Arrays.stream(unique.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new));
    return unique.unionByName(ranked).unionByName(invalid);
  }
}
