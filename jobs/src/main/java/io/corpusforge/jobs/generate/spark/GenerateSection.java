package io.corpusforge.jobs.generate.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.jobs.io.InputFormat;
import io.corpusforge.jobs.generate.run.PartitionStats;
import io.corpusforge.jobs.stage.StageSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The generate stage's section of report.json ({@code "generate": {...}}): what this run wrote, what it skipped as
 * done, tokens and engine time, one entry per partition. Documents read, error rows and times are in the header.
 */
public record GenerateSection(GenerateJob.Request req, InputFormat format, List<PartitionStats> partitions,
    long rowsInOutput) implements StageSection {
  private static final ObjectMapper JSON = new ObjectMapper();

  private long sum(ToLongFunction<PartitionStats> f) {
    return partitions.stream().mapToLong(f).sum();
  }

  public long inputRows() {
    return sum(PartitionStats::inputRows);
  }

  public long written() {
    return sum(PartitionStats::outputRows);
  }

  public long errors() {
    return sum(PartitionStats::errorRows);
  }

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", req.task().cliName);
    m.put("method", req.method().name().toLowerCase(Locale.ROOT));
    m.put("input_format", format.name().toLowerCase(Locale.ROOT));
    m.put("model", req.model().orElse(null));
    m.put("resume", req.resume());
    m.put("outputs_written_this_run", written());
    m.put("error_rows_this_run", errors());
    m.put("outputs_skipped_as_done", sum(PartitionStats::skippedRows));
    m.put("rows_in_output", rowsInOutput);
    long engine = sum(PartitionStats::engineNanos);
    long load = sum(PartitionStats::engineLoadNanos);
    long total = sum(PartitionStats::totalNanos);
    m.put("generated_tokens", sum(PartitionStats::generatedTokens));
    m.put("prompt_tokens", sum(PartitionStats::promptTokens));
    m.put("prompt_tokens_from_prefix_cache", sum(PartitionStats::cachedPromptTokens));
    m.put("task_seconds", total / 1e9);
    m.put("engine_load_seconds", load / 1e9);
    m.put("engine_seconds", engine / 1e9);
    // the job's own overhead is the rest: parsing, prompts, checks, Parquet
    m.put("engine_share_of_task_time_after_load", total > load ? (double) engine / (total - load) : 0);
    List<Object> parts = new ArrayList<>();
    for (PartitionStats s : partitions) {
      parts.add(JSON.convertValue(s, Map.class));
    }
    m.put("partitions", parts);
    return m;
  }

  @Override
  public List<String> summaryLines() {
    return List.of(String.format(Locale.ROOT, "%s (%s): %,d outputs written (%,d errors), %,d already done; %,d rows "
            + "in data/", req.task().cliName, req.method().name().toLowerCase(Locale.ROOT), written(), errors(),
        sum(PartitionStats::skippedRows), rowsInOutput));
  }
}
