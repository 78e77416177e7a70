package io.corpusforge.jobs;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** The one SparkSession all Spark tests in a JVM share (surefire runs one JVM per module). */
public final class TestSpark {
  private TestSpark() {}

  public static synchronized SparkSession session() {
    SparkSession spark = SparkSessions.getOrCreate("corpusforge-tests", Optional.of("local[2]"));
    spark.conf().set("spark.sql.shuffle.partitions", "4");
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }
}
