package io.corpusforge.inference.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** The local[2] session the adapter tests share, set up for a fixture model. */
final class TestSession {
  static final Path MODEL = Path.of("src/test/resources/engine-fixtures/qwen3-f16.gguf").toAbsolutePath();

  private TestSession() {}

  static synchronized SparkSession get() {
    SparkSession spark = SparkSession.builder().appName("corpusforge-udf-inference-tests").master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    // small, fast and deterministic per row: the fixture's 256-token context, plain prompts
    spark.conf().set(LlmSettings.PREFIX + "model", MODEL.toString());
    spark.conf().set(LlmSettings.PREFIX + "chat", "false");
    spark.conf().set(LlmSettings.PREFIX + "max-new-tokens", "8");
    spark.conf().set(LlmSettings.PREFIX + "engine.context-length", "256");
    spark.conf().set(LlmSettings.PREFIX + "engine.max-batch", "8");
    // fewer rows in flight per task than slots, so two tasks' rows can share a step
    spark.conf().set(LlmSettings.PREFIX + "rows-in-flight", "4");
    return spark;
  }
}
