package io.corpusforge.jobs.vocab;

import io.corpusforge.jobs.io.IdTextInputs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The documents to learn a vocabulary from: Parquet or JSON Lines files or directories, unioned by column name.
 * Needs an {@code id} (string or number) and a string {@code text} column. Returns {@code _id} (id as a string),
 * {@code text} and {@code _reject} (null, or why the row is not used: malformed-json, missing-id, missing-text).
 */
public final class VocabInput {
  private VocabInput() {}

  public static Dataset<Row> read(SparkSession spark, List<String> inputs) throws IOException {
    Dataset<Row> all = IdTextInputs.read(spark, inputs);
    Column id = col("id").cast("string");
    // Spark's JSON reader keeps an unparsable line as _corrupt_record (other columns null)
    Column malformed = Arrays.asList(all.columns()).contains("_corrupt_record")
        ? col("_corrupt_record").isNotNull() : lit(false);
    return all.select(id.as("_id"), col("text"),
        when(malformed, lit("malformed-json"))
            .when(id.isNull().or(trim(id).equalTo("")), lit("missing-id"))
            .when(col("text").isNull(), lit("missing-text")).as("_reject"));
  }
}
