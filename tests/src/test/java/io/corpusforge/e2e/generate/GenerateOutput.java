package io.corpusforge.e2e.generate;

import io.corpusforge.jobs.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Reading a generate job's output in tests. */
final class GenerateOutput {
  static final List<String> COLUMNS = List.of("id", "task", "copy_type", "text", "finish_reason", "prompt_tokens",
      "generated_tokens", "latency_ms", "model_sha256", "template_hash", "params_hash", "temperature", "top_k",
      "top_p", "min_p", "repetition_penalty", "presence_penalty", "max_new_tokens", "seed", "error", "flags");

  private GenerateOutput() {}

  static Dataset<Row> rows(Path output) {
    return TestSpark.session().read().parquet(output.resolve("data").toString());
  }

  /** id|copy_type -> text (or "ERROR: ..."), sorted: compares runs regardless of file and row order. */
  static List<String> texts(Path output) {
    return rows(output).orderBy("id", "copy_type").collectAsList().stream()
        .map(r -> r.getAs("id") + "|" + r.getAs("copy_type") + "|"
            + (r.getAs("error") != null ? "ERROR: " + r.getAs("error") : r.getAs("text")))
        .toList();
  }
}
