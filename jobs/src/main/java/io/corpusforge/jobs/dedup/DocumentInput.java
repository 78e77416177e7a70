package io.corpusforge.jobs.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.corpusforge.jobs.io.CorpusInput;
import io.corpusforge.jobs.io.ReadOptions;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * The documents to dedup, read by the one reader with the user's columns ({@link CorpusInput#readWithColumns}: its
 * reject reasons and internal columns), plus what dedup
 * adds: {@code _q} (quality_score as a double, or null; the column is optional) and the {@code duplicate-id}
 * rejects (a repeated id keeps the row the representative policy prefers).
 */
public final class DocumentInput {
  private DocumentInput() {}

  public static Dataset<Row> read(SparkSession spark, List<String> inputs, ReadOptions options) {
    return validate(CorpusInput.readWithColumns(spark, inputs, options));
  }

  /** The user's columns (what {@code kept/} is written with), and {@code id} first when the input has none. */
  public static Column[] userColumns(Dataset<Row> read) {
    Column[] user = CorpusInput.userColumns(read.drop("_q"));
    if (CorpusInput.hasColumn(read, "id")) {
      return user;
    }
    Column[] withId = new Column[user.length + 1];
    withId[0] = col("id");
    System.arraycopy(user, 0, withId, 1, user.length);
    return withId;
  }

  static Dataset<Row> validate(Dataset<Row> df) {
    Column q = CorpusInput.hasColumn(df, "quality_score") ? col("quality_score").cast("double")
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
        org.apache.spark.sql.functions.length(col("_text")).desc(), col("_text"));
    Dataset<Row> invalid = withInternal.filter(col("_reject").isNotNull());
    Dataset<Row> valid = withInternal.filter(col("_reject").isNull());
    Dataset<Row> unique = valid.join(repeated, "_id", "left_anti");
    Column duplicate = row_number().over(byId).gt(1);
    Dataset<Row> ranked = valid.join(repeated, "_id", "left_semi")
        .withColumn("_reject", when(duplicate, lit("duplicate-id")))
        .withColumn("_reject_detail", when(col("_reject").isNotNull(),
            lit("id repeated; the row with the highest quality_score, then the longest text, is used")))
        .withColumn("_record", when(col("_reject").isNotNull(), col("_json")))
        .select(Arrays.stream(unique.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new));
    return unique.unionByName(ranked).unionByName(invalid);
  }
}
