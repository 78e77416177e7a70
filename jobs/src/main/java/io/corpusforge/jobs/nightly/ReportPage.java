package io.corpusforge.jobs.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html}: the run report as one self-contained page. Charts are inline SVG drawn here, styles are
 * inline, there are no scripts and no external resources, so the page opens offline and from any file server.
 */
public final class ReportPage {
  private static final String[] COLORS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759"};

  private ReportPage() {}

  /** One series of a bar chart. */
  record Series(String name, List<Double> values) {}

  public static String render(JsonNode r) {
    JsonNode run = r.path("run");
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">\n<title>corpusforge nightly ")
        .append(esc(run.path("date").asText())).append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:24px;max-width:1100px;color:#222}")
        .append("h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}")
        .append("table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;")
        .append("font-size:13px;text-align:left;vertical-align:top}th{background:#f3f3f3}")
        .append(".num{text-align:right}.warn{background:#fff3cd;border:1px solid #e0b000;padding:8px;margin:8px 0}")
        .append(".bad{color:#b00020;font-weight:bold}.ok{color:#1b7f2a}svg{display:block;margin:8px 0}")
        .append("\n</style></head><body>\n");
    b.append("<h1>corpusforge nightly run ").append(esc(run.path("date").asText())).append("</h1>\n");
    b.append("<p>run ").append(esc(run.path("run_id").asText())).append(" · ").append(esc(run.path("run_dir").asText()))
        .append(" · ").append(esc(run.path("started").asText())).append(" → ").append(esc(run.path("ended").asText()))
        .append(" · <span class=\"").append(run.path("ok").asBoolean() ? "ok\">complete" : "bad\">NOT COMPLETE")
        .append("</span></p>\n");
    for (JsonNode n : run.path("notices")) {
      b.append("<div class=\"warn\" id=\"placeholder-notice\">").append(esc(n.asText())).append("</div>\n");
    }
    for (JsonNode n : r.path("report_errors")) {
      b.append("<div class=\"warn\">report section missing: ").append(esc(n.asText())).append("</div>\n");
    }
    stages(b, r.path("stages"));
    documents(b, r);
    removals(b, r.path("removals"));
    lengths(b, r.path("length_histogram"));
    clusters(b, r.path("duplicate_clusters"));
    vocabulary(b, r.path("vocabulary"));
    generation(b, r);
    b.append("</body></html>\n");
    return b.toString();
  }

  private static void stages(StringBuilder b, JsonNode stages) {
    b.append("<h2>Stages</h2>\n<table><tr><th>stage</th><th>this run</th><th>seconds</th><th>committed by run</th>")
        .append("<th>details</th></tr>\n");
    for (JsonNode s : stages) {
      String status = s.path("status").asText();
      boolean bad = status.equals("failed") || status.equals("config-changed");
      StringBuilder details = new StringBuilder();
      if (!s.path("error").isNull() && !s.path("error").asText().isEmpty()) {
        details.append(esc(s.path("error").asText()));
      }
      b.append("<tr><td>").append(esc(s.path("stage").asText())).append("</td><td class=\"")
          .append(bad ? "bad" : "ok").append("\">").append(esc(status)).append("</td><td class=\"num\">")
          .append(s.path("stage_seconds").asDouble(s.path("seconds_this_run").asDouble())).append("</td><td>")
          .append(esc(s.path("committed_by_run").asText(""))).append("</td><td>").append(details)
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void documents(StringBuilder b, JsonNode r) {
    JsonNode docs = r.path("documents");
    b.append("<h2>Documents per stage</h2>\n");
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    docs.properties().forEach(e -> {
      labels.add(e.getKey());
      values.add(e.getValue().asDouble());
    });
    b.append(barChart("documents-per-stage", labels, List.of(new Series("documents", values))));
    b.append("<table><tr><th>stage</th><th>input</th><th>kept</th><th>rejected</th><th>removed as duplicate</th>")
        .append("<th>kept + rejected + duplicates = input</th></tr>\n");
    for (JsonNode a : r.path("accounting")) {
      boolean ok = a.path("balanced").asBoolean();
      b.append("<tr><td>").append(esc(a.path("stage").asText())).append("</td>");
      for (String k : List.of("input", "kept", "rejected", "removed_as_duplicate")) {
        b.append("<td class=\"num\">").append(a.path(k).asLong()).append("</td>");
      }
      b.append("<td class=\"").append(ok ? "ok\">yes" : "bad\">NO").append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private static void removals(StringBuilder b, JsonNode removals) {
    b.append("<h2>Removals per rule</h2>\n");
    removals.properties().forEach(stage -> {
      List<String> labels = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      stage.getValue().properties().forEach(e -> {
        labels.add(e.getKey());
        values.add(e.getValue().asDouble());
      });
      b.append("<h3>").append(esc(stage.getKey())).append("</h3>\n");
      b.append(labels.isEmpty() ? "<p>none</p>\n"
          : barChart("removals-" + stage.getKey(), labels, List.of(new Series("documents", values))));
    });
  }

  private static void lengths(StringBuilder b, JsonNode h) {
    if (h.isMissingNode()) {
      return;
    }
    b.append("<h2>Document lengths (characters)</h2>\n");
    List<String> labels = new ArrayList<>();
    int prev = 0;
    for (JsonNode e : h.path("upper_edges")) {
      labels.add(prev + "–" + e.asInt());
      prev = e.asInt();
    }
    labels.add("> " + prev);
    List<Series> series = new ArrayList<>();
    for (String k : List.of("raw_input", "after_clean", "after_dedup")) {
      if (h.has(k)) {
        List<Double> v = new ArrayList<>();
        h.path(k).forEach(n -> v.add(n.asDouble()));
        series.add(new Series(k.replace('_', ' '), v));
      }
    }
    b.append(barChart("length-histogram", labels, series));
  }

  private static void clusters(StringBuilder b, JsonNode c) {
    if (c.isMissingNode()) {
      return;
    }
    b.append("<h2>Duplicate clusters</h2>\n<p>").append(c.path("clusters").asLong()).append(" clusters holding ")
        .append(c.path("documents_in_clusters").asLong()).append(" documents (one kept per cluster)</p>\n");
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    c.path("clusters_by_size").properties().forEach(e -> {
      labels.add("size " + e.getKey());
      values.add(e.getValue().asDouble());
    });
    if (!labels.isEmpty()) {
      b.append(barChart("cluster-sizes", labels, List.of(new Series("clusters", values))));
    }
  }

  private static void vocabulary(StringBuilder b, JsonNode v) {
    if (v.isMissingNode()) {
      return;
    }
    b.append("<h2>Vocabulary</h2>\n<table>");
    JsonNode h = v.path("held_out");
    Map<String, String> rows = new java.util.LinkedHashMap<>();
    rows.put("vocabulary size", v.path("vocab_size").asText());
    rows.put("merges", v.path("merges").asText());
    rows.put("training / held-out documents", v.path("training_docs").asText() + " / " + v.path("held_out_docs").asText());
    rows.put("held-out characters per token", h.path("chars_per_token").asText());
    rows.put("held-out bytes per token", h.path("bytes_per_token").asText());
    rows.put("share of vocabulary used on held-out", h.path("vocab_used_share").asText());
    rows.put("distinct words (smartcn)", v.path("distinct_words").asText());
    rows.put("training stopped", v.path("stop_reason").asText());
    rows.forEach((k, val) -> b.append("<tr><th>").append(esc(k)).append("</th><td class=\"num\">").append(esc(val))
        .append("</td></tr>"));
    b.append("</table>\n");
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    v.path("top_words").forEach(w -> {
      labels.add(w.path("word").asText());
      values.add(w.path("count").asDouble());
    });
    if (!labels.isEmpty()) {
      b.append("<h3>most frequent words</h3>\n")
          .append(barChart("top-words", labels, List.of(new Series("occurrences", values))));
    }
  }

  private static void generation(StringBuilder b, JsonNode r) {
    JsonNode parts = r.path("generation");
    if (parts.isMissingNode()) {
      return;
    }
    b.append("<h2>Generation</h2>\n<table><tr><th>part</th><th>method</th><th>model</th><th>rows</th><th>errors</th>")
        .append("<th>flagged</th><th>generated tokens</th><th>seconds</th><th>rows/s</th><th>tokens/s</th></tr>\n");
    List<String> labels = new ArrayList<>();
    List<Double> rowsPerSecond = new ArrayList<>();
    List<Double> tokensPerSecond = new ArrayList<>();
    for (JsonNode p : parts) {
      b.append("<tr><td>").append(esc(p.path("part").asText())).append("</td><td>").append(esc(p.path("method").asText()))
          .append("</td><td>").append(esc(p.path("model").asText(""))).append("</td>");
      for (String k : List.of("rows", "errors", "flagged", "generated_tokens", "task_seconds", "rows_per_second",
          "tokens_per_second")) {
        b.append("<td class=\"num\">").append(esc(p.path(k).asText())).append("</td>");
      }
      b.append("</tr>\n");
      labels.add(p.path("part").asText());
      rowsPerSecond.add(p.path("rows_per_second").asDouble());
      tokensPerSecond.add(p.path("tokens_per_second").asDouble());
    }
    b.append("</table>\n<h3>throughput</h3>\n").append(barChart("throughput", labels,
        List.of(new Series("rows/s", rowsPerSecond), new Series("generated tokens/s", tokensPerSecond))));
    List<String> outcomeLabels = new ArrayList<>();
    List<Double> ok = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    List<Double> flagged = new ArrayList<>();
    for (JsonNode p : parts) {
      outcomeLabels.add(p.path("part").asText());
      ok.add(p.path("rows").asDouble() - p.path("errors").asDouble());
      errors.add(p.path("errors").asDouble());
      flagged.add(p.path("flagged").asDouble());
    }
    b.append("<h3>errors and flagged texts</h3>\n").append(barChart("errors-flagged", outcomeLabels,
        List.of(new Series("texts", ok), new Series("errors", errors), new Series("flagged", flagged))));
    texts(b, "errors", r.path("errors"), List.of("part", "id", "copy_type", "error"));
    texts(b, "flagged texts", r.path("flagged"), List.of("part", "id", "copy_type", "flags", "text"));
  }

  private static void texts(StringBuilder b, String title, JsonNode list, List<String> cols) {
    if (list.isEmpty()) {
      return;
    }
    b.append("<h3>").append(esc(title)).append(" (first ").append(list.size()).append(")</h3>\n<table><tr>");
    cols.forEach(c -> b.append("<th>").append(esc(c)).append("</th>"));
    b.append("</tr>\n");
    for (JsonNode t : list) {
      b.append("<tr>");
      cols.forEach(c -> b.append("<td>").append(esc(t.path(c).isArray() ? t.path(c).toString() : t.path(c).asText(""))).append("</td>"));
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  /** A horizontal bar chart as inline SVG: one row per label, one bar per series, value printed at the bar's end. */
  static String barChart(String id, List<String> labels, List<Series> series) {
    double max = series.stream().flatMap(s -> s.values().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
    int labelWidth = 220;
    int plotWidth = 560;
    int bar = 14;
    int group = bar * series.size() + 8;
    int legend = series.size() > 1 ? 22 : 0;
    int height = legend + group * labels.size() + 6;
    StringBuilder s = new StringBuilder();
    s.append("<svg id=\"").append(esc(id)).append("\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(labelWidth + plotWidth + 90).append("\" height=\"").append(height).append("\" role=\"img\">\n");
    if (legend > 0) {
      int x = labelWidth;
      for (int k = 0; k < series.size(); k++) {
        s.append("<rect x=\"").append(x).append("\" y=\"4\" width=\"12\" height=\"12\" fill=\"")
            .append(COLORS[k % COLORS.length]).append("\"/><text x=\"").append(x + 16)
            .append("\" y=\"15\" font-size=\"12\">").append(esc(series.get(k).name())).append("</text>\n");
        x += 30 + 8 * series.get(k).name().length();
      }
    }
    for (int i = 0; i < labels.size(); i++) {
      int y = legend + i * group;
      s.append("<text x=\"").append(labelWidth - 6).append("\" y=\"").append(y + group / 2 + 4)
          .append("\" font-size=\"12\" text-anchor=\"end\">").append(esc(labels.get(i))).append("</text>\n");
      for (int k = 0; k < series.size(); k++) {
        double v = i < series.get(k).values().size() ? series.get(k).values().get(i) : 0;
        double w = max > 0 ? plotWidth * v / max : 0;
        int by = y + 4 + k * bar;
        s.append("<rect class=\"bar\" x=\"").append(labelWidth).append("\" y=\"").append(by).append("\" width=\"")
            .append(String.format("%.1f", Math.max(w, v > 0 ? 1 : 0))).append("\" height=\"").append(bar - 2)
            .append("\" fill=\"").append(COLORS[k % COLORS.length]).append("\"><title>")
            .append(esc(series.get(k).name() + ": " + format(v))).append("</title></rect>");
        s.append("<text x=\"").append(String.format("%.1f", labelWidth + w + 4)).append("\" y=\"").append(by + bar - 4)
            .append("\" font-size=\"11\">").append(format(v)).append("</text>\n");
      }
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.2f", v);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
