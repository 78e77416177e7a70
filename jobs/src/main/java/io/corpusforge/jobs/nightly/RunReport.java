package io.corpusforge.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import io.corpusforge.jobs.stage.BuildInfo;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's numbers, read back from the committed outputs (not from what the jobs said they wrote): documents per
 * stage and the per-stage accounting, removals per rule, length histograms, duplicate-cluster sizes, vocabulary
 * statistics, generation throughput, errors and flagged texts. Written as {@code report.json} and rendered by
 * {@link ReportPage} as {@code report.html}, both in the run's directory.
 */
public final class RunReport {
  private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final SparkSession spark;
  private final NightlyRun run;
  private final StageDirs dirs;
  private final NightlySettings settings;

  private RunReport(SparkSession spark, NightlyRun run) {
    this.spark = spark;
    this.run = run;
    this.dirs = run.dirs();
    this.settings = run.settings();
  }

  /** Builds the report and writes report.json and report.html into the run directory; returns the JSON. */
  public static ObjectNode write(SparkSession spark, NightlyRun run, NightlyRun.Outcome outcome) {
    ObjectNode report = new RunReport(spark, run).build(outcome);
    try {
      run.dirs().writeRunFile("report.json", JSON.writeValueAsBytes(report));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run.dirs().writeRunFile("report.html", ReportPage.render(report).getBytes(StandardCharsets.UTF_8));
    return report;
  }

  ObjectNode build(NightlyRun.Outcome o) {
    ObjectNode r = JSON.createObjectNode();
    ObjectNode head = r.putObject("run");
    head.put("run_id", o.runId());
    head.put("date", o.date().toString());
    head.put("run_dir", o.runDir());
    head.put("started", o.started().toString());
    head.put("ended", o.ended().toString());
    head.put("ok", o.ok());
    head.set("versions", JSON.valueToTree(BuildInfo.versions(spark.version())));
    ArrayNode notices = head.putArray("notices");
    if (o.placeholderModel() && dirs.committed("generate")) {
      notices.add(PlaceholderModel.NOTICE + ". To use a real model: " + settings.modelHint());
    }
    ArrayNode stages = r.putArray("stages");
    for (NightlyRun.StageResult s : o.stages()) {
      ObjectNode n = stages.addObject();
      n.put("stage", s.name());
      n.put("status", s.status().name().toLowerCase().replace('_', '-'));
      n.put("seconds_this_run", Math.round(s.seconds() * 10) / 10.0);
      n.put("committed", dirs.committed(s.name()));
      JsonNode info = dirs.stageFile(s.name());
      if (info != null) {
        n.put("committed_by_run", info.path("run_id").asText());
        n.put("stage_seconds", info.path("seconds").asDouble());
      }
      n.put("fingerprint", s.fingerprint());
      n.set("differences", JSON.valueToTree(s.differences()));
      n.put("error", s.error());
      n.set("commands", JSON.valueToTree(s.commands()));
    }
    // each section reads only committed stages; one unreadable section must not lose the rest of the report
    section(r, "documents and accounting", () -> documents(r));
    section(r, "length histograms", () -> lengths(r));
    section(r, "duplicate clusters", () -> clusters(r));
    section(r, "vocabulary", () -> vocabulary(r));
    section(r, "generation", () -> generation(r));
    return r;
  }

  private void section(ObjectNode r, String name, Runnable body) {
    try {
      body.run();
    } catch (RuntimeException e) {
      LOG.warn("report: section " + name + " failed", e);
      r.withArray("report_errors").add(name + ": " + e.getMessage());
    }
  }

  private Dataset<Row> parquet(String stage, String child) {
    return spark.read().parquet(dirs.path(stage) + "/" + child);
  }

  private void documents(ObjectNode r) {
    ObjectNode docs = r.putObject("documents");
    ArrayNode accounting = r.putArray("accounting");
    ObjectNode removals = r.putObject("removals");
    if (!dirs.committed("clean")) {
      return;
    }
    long cleanKept = parquet("clean", "kept").count();
    Dataset<Row> cleanRejected = parquet("clean", "rejected");
    long cleanRej = cleanRejected.count();
    docs.put("clean_input", cleanKept + cleanRej);
    docs.put("clean_kept", cleanKept);
    account(accounting, "clean", cleanKept + cleanRej, cleanKept, cleanRej, 0);
    removals.set("clean", counts(cleanRejected.groupBy(reason(cleanRejected)).count()));
    if (!dirs.committed("dedup")) {
      return;
    }
    Dataset<Row> clusters = parquet("dedup", "clusters");
    Dataset<Row> dedupRejected = parquet("dedup", "rejected");
    long dedupKept = parquet("dedup", "kept").count();
    long duplicates = clusters.filter(col("kept").equalTo(false)).count();
    long dedupRej = dedupRejected.count();
    docs.put("dedup_kept", dedupKept);
    account(accounting, "dedup", cleanKept, dedupKept, dedupRej, duplicates);
    ObjectNode d = removals.putObject("dedup");
    counts(clusters.filter(col("kept").equalTo(false)).groupBy(col("removed_by")).count())
        .properties().forEach(e -> d.set("duplicate: " + e.getKey(), e.getValue()));
    counts(dedupRejected.groupBy(reason(dedupRejected)).count())
        .properties().forEach(e -> d.set("rejected: " + e.getKey(), e.getValue()));
    if (dirs.committed("vocab")) {
      JsonNode v = vocabSection();
      long training = v.path("training_docs").asLong();
      long heldOut = v.path("held_out_docs").asLong();
      long rejected = 0;
      if (exists("vocab", "rejected")) {
        rejected = parquet("vocab", "rejected").count();
      } else {
        for (JsonNode n : v.path("rejected")) {
          rejected += n.asLong();
        }
      }
      docs.put("vocab_training", training);
      docs.put("vocab_held_out", heldOut);
      account(accounting, "vocab", dedupKept, training + heldOut, rejected, 0);
    }
    if (dirs.committed("generate")) {
      Dataset<Row> summaries = parquet("generate", "summaries/data");
      long rows = summaries.count();
      long errors = summaries.filter(col("error").isNotNull()).count();
      docs.put("summaries", rows - errors);
      account(accounting, "generate summaries", dedupKept, rows - errors, errors, 0);
      docs.put("product_copy_texts", parquet("generate", "copy/data").filter(col("error").isNull()).count());
    }
  }

  private static void account(ArrayNode a, String stage, long input, long kept, long rejected, long duplicates) {
    ObjectNode n = a.addObject();
    n.put("stage", stage);
    n.put("input", input);
    n.put("kept", kept);
    n.put("rejected", rejected);
    n.put("removed_as_duplicate", duplicates);
    n.put("balanced", kept + rejected + duplicates == input);
  }

  /** The rejects' reason column: {@code reason}, or {@code reject_reason} in dedup's older layout. */
  private static Column reason(Dataset<Row> rejects) {
    return Arrays.asList(rejects.columns()).contains("reason") ? col("reason") : col("reject_reason");
  }

  private void lengths(ObjectNode r) {
    ObjectNode h = r.putObject("length_histogram");
    List<Integer> edges = settings.lengthBins();
    h.set("upper_edges", JSON.valueToTree(edges));
    h.put("unit", "characters; the last bin holds everything longer than the last edge");
    if (dirs.committed("clean")) {
      Dataset<Row> before = parquet("clean", "kept").select(col("original_length").as("n"))
          .union(rejectedLengths(parquet("clean", "rejected")));
      h.set("raw_input", histogram(before, edges));
      h.set("after_clean", histogram(parquet("clean", "kept").select(length(col("text")).as("n")), edges));
    }
    if (dirs.committed("dedup")) {
      h.set("after_dedup", histogram(parquet("dedup", "kept").select(length(col("text")).as("n")), edges));
    }
  }

  /** Lengths of rejected records: the unified rejects' {@code record} (cut at stage.rejects.record-max-chars). */
  private static Dataset<Row> rejectedLengths(Dataset<Row> rejects) {
    String column = Arrays.asList(rejects.columns()).contains("record") ? "record" : "original_text";
    return rejects.select(length(col(column)).as("n"));
  }

  /** Counts per bin, computed in Spark: bin i holds lengths in (edge[i-1], edge[i]]. */
  private static ArrayNode histogram(Dataset<Row> lengths, List<Integer> edges) {
    Column bin = lit(edges.size());
    for (int i = edges.size() - 1; i >= 0; i--) {
      bin = when(col("n").leq(edges.get(i)), lit(i)).otherwise(bin);
    }
    long[] counts = new long[edges.size() + 1];
    for (Row row : lengths.na().fill(0).select(bin.as("bin")).groupBy("bin").count().collectAsList()) {
      counts[row.getInt(0)] = row.getLong(1);
    }
    return JSON.valueToTree(counts);
  }

  private void clusters(ObjectNode r) {
    if (!dirs.committed("dedup")) {
      return;
    }
    ObjectNode c = r.putObject("duplicate_clusters");
    Dataset<Row> multi = parquet("dedup", "clusters").filter(col("cluster_size").gt(1))
        .select("cluster_id", "cluster_size").distinct();
    ObjectNode sizes = c.putObject("clusters_by_size");
    long clusters = 0;
    long docs = 0;
    for (Row row : multi.groupBy("cluster_size").count().orderBy("cluster_size").collectAsList()) {
      long size = ((Number) row.get(0)).longValue();
      sizes.put(String.valueOf(size), row.getLong(1));
      clusters += row.getLong(1);
      docs += size * row.getLong(1);
    }
    c.put("clusters", clusters);
    c.put("documents_in_clusters", docs);
  }

  private void vocabulary(ObjectNode r) {
    if (!dirs.committed("vocab")) {
      return;
    }
    JsonNode v = vocabSection();
    ObjectNode out = r.putObject("vocabulary");
    for (String k : List.of("vocab_size", "merges", "training_docs", "held_out_docs", "distinct_words",
        "pre_tokenizer", "stop_reason")) {
      out.set(k, v.path(k));
    }
    out.set("held_out", v.path("held_out"));
    out.set("pre_tokens", v.path("pre_tokens"));
    ArrayNode top = out.putArray("top_words");
    Dataset<Row> words = parquet("vocab", "words");
    for (Row w : words.orderBy(col("count").desc(), col("word")).limit(settings.topWords()).collectAsList()) {
      ObjectNode n = top.addObject();
      n.put("word", w.<String>getAs("word"));
      n.put("count", ((Number) w.getAs("count")).longValue());
      n.put("doc_freq", ((Number) w.getAs("doc_freq")).longValue());
    }
  }

  private void generation(ObjectNode r) {
    if (!dirs.committed("generate")) {
      return;
    }
    ArrayNode parts = r.putArray("generation");
    ArrayNode errors = r.putArray("errors");
    ArrayNode flagged = r.putArray("flagged");
    for (String part : List.of("summaries", "copy")) {
      JsonNode g = section(readJson("generate", part + "/report.json"), "generate");
      Dataset<Row> data = parquet("generate", part + "/data");
      ObjectNode n = parts.addObject();
      n.put("part", part);
      n.put("task", g.path("task").asText());
      n.put("method", g.path("method").asText());
      n.put("model", part.equals("copy") && settings.model().isEmpty() ? "placeholder (meaningless text)"
          : g.path("model").asText(null));
      long rows = data.count();
      long errorRows = data.filter(col("error").isNotNull()).count();
      long flaggedRows = data.filter(size(col("flags")).gt(0)).count();
      double seconds = g.path("task_seconds").asDouble();
      long tokens = g.path("generated_tokens").asLong();
      n.put("rows", rows);
      n.put("errors", errorRows);
      n.put("flagged", flaggedRows);
      n.put("generated_tokens", tokens);
      n.put("task_seconds", Math.round(seconds * 100) / 100.0);
      n.put("rows_per_second", seconds > 0 ? Math.round(rows / seconds * 100) / 100.0 : 0);
      n.put("tokens_per_second", seconds > 0 ? Math.round(tokens / seconds * 10) / 10.0 : 0);
      ObjectNode byType = n.putObject("rows_by_copy_type");
      for (Row t : data.groupBy("copy_type").count().orderBy("copy_type").collectAsList()) {
        byType.put(t.getString(0) == null ? "(none)" : t.getString(0), t.getLong(1));
      }
      int max = settings.maxListedTexts();
      for (Row e : data.filter(col("error").isNotNull()).orderBy("id", "copy_type").limit(max).collectAsList()) {
        ObjectNode x = errors.addObject();
        x.put("part", part);
        x.put("id", e.<String>getAs("id"));
        x.put("copy_type", e.<String>getAs("copy_type"));
        x.put("error", e.<String>getAs("error"));
      }
      for (Row f : data.filter(size(col("flags")).gt(0)).orderBy("id", "copy_type").limit(max).collectAsList()) {
        ObjectNode x = flagged.addObject();
        x.put("part", part);
        x.put("id", f.<String>getAs("id"));
        x.put("copy_type", f.<String>getAs("copy_type"));
        x.set("flags", JSON.valueToTree(f.getList(f.fieldIndex("flags"))));
        String text = f.getAs("text");
        x.put("text", text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…");
      }
    }
  }

  /** vocab's numbers: the stage section of the skeleton's report.json, or the whole file in the older layout. */
  private JsonNode vocabSection() {
    return section(readJson("vocab", "report.json"), "vocab");
  }

  /**
   * A stage's own numbers: with the skeleton's layout its section (the report's key named after the stage) with
   * the header's fields beside it; in the older flat layout the whole report.
   */
  static JsonNode section(JsonNode report, String stage) {
    if (!(report.get(stage) instanceof ObjectNode own)) {
      return report;
    }
    ObjectNode merged = ((ObjectNode) report).deepCopy();
    merged.remove(stage);
    merged.setAll(own.deepCopy());
    return merged;
  }

  private boolean exists(String stage, String child) {
    Path p = new Path(dirs.path(stage), child);
    try {
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + p, e);
    }
  }

  private JsonNode readJson(String stage, String child) {
    Path p = new Path(dirs.path(stage), child);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (InputStream in = fs.open(p)) {
        return JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  private static ObjectNode counts(Dataset<Row> grouped) {
    ObjectNode n = JSON.createObjectNode();
    for (Row row : grouped.orderBy(col("count").desc()).collectAsList()) {
      n.put(row.get(0) == null ? "(none)" : row.get(0).toString(), row.getLong(1));
    }
    return n;
  }

  /** The lines printed at the end of a run. */
  public static String summary(NightlyRun.Outcome o) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("nightly %s: %s%n", o.date(), o.ok() ? "ok" : "NOT COMPLETE"));
    for (NightlyRun.StageResult s : o.stages()) {
      sb.append(String.format("  %-9s %-15s%s%n", s.name(), s.status().name().toLowerCase().replace('_', '-'),
          s.error() == null ? "" : " " + s.error()));
    }
    if (o.placeholderModel() && o.stages().getLast().status() == NightlyRun.Status.RAN) {
      sb.append("  NOTE: ").append(PlaceholderModel.NOTICE).append('\n');
    }
    sb.append("  report: ").append(o.runDir()).append("/report.html (and report.json)\n");
    if (!o.ok()) {
      sb.append("  earlier stages stay committed; run the same command again to resume\n");
    }
    return sb.toString();
  }
}
