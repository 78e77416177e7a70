package io.corpusforge.jobs;

import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * One SparkSession per JVM. Under spark-submit the master comes from spark-submit; from {@code bin/pipeline}
 * it is {@code local[*]} unless {@code --master} says otherwise.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName, Optional<String> master) {
    SparkConf conf = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    if (master.isPresent()) {
      builder.master(master.get());
    } else if (!conf.contains("spark.master")) {
      builder.master("local[*]");
    }
    return builder
        .config("spark.sql.parquet.compression.codec", "zstd")
        .config("spark.ui.showConsoleProgress", String.valueOf(System.console() != null))
        .config("spark.ui.enabled", System.getProperty("corpusforge.spark.ui", "false"))
        .getOrCreate();
  }
}
