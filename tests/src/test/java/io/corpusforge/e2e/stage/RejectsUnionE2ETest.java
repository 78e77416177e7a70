package io.corpusforge.e2e.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.Pipeline;
import io.corpusforge.e2e.ProjectPaths;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.io.RecordReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clean, dedup, vocab and generate's summaries on the same bad input: the same bad records get the same reject
 * reasons, and their {@code rejected/} directories share one schema, so DuckDB (an independent Parquet reader)
 * counts all of them by stage and reason in one query. A record without an id gets the same derived id in every
 * stage, kept or rejected. Skipped without node or oracle/node_modules (bin/setup installs them).
 */
class RejectsUnionE2ETest {
  private static final String WEATHER = "北京市气象台今天发布消息，受较强冷空气影响，本周末全市将迎来明显降温和大风天气，最低气温"
      + "可能降至零下五度。气象专家提醒，市民外出时请注意添衣保暖，老人和儿童尽量减少户外活动，驾车出行注意路面结冰。";
  private static final String NEWS = "深圳今后将设地铁头等车厢，设坐票制。昨日，在深港地铁圈高峰论坛上透露，在未来的11号线上将增加特色"
      + "服务，满足不同消费层次的乘客的不同需求，如特设行李架的车厢和买双倍票可有座位坐的车厢等。";

  @TempDir Path tmp;

  @Test
  void sameBadInputsGiveTheSameReasonsInCleanDedupVocabAndSummaries() throws Exception {
    Path root = ProjectPaths.root();
    assumeTrue(Files.isDirectory(root.resolve("oracle/node_modules/@duckdb/node-api")),
        "oracle/node_modules missing: run bin/setup");
    assumeTrue(nodeAvailable(), "node is not on PATH");
    TestSpark.session();

    List<String> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < 12; i++) {
      lines.add(json.writeValueAsString(java.util.Map.of("id", "news-" + i, "text", "第" + i + "条。" + NEWS)));
    }
    lines.add("{\"id\": \"broken\", \"text\": \"没有结尾");
    lines.add("{\"id\": \"notext\", \"title\": \"只有标题\"}");
    lines.add(json.writeValueAsString(java.util.Map.of("id", "big", "text", NEWS.repeat(20))));
    String idlessGood = json.writeValueAsString(java.util.Map.of("text", WEATHER));
    String idlessBad = "{\"title\": \"无编号也无正文\"}";
    lines.add(idlessGood);
    lines.add(idlessBad);
    Path in = Files.createDirectories(tmp.resolve("in"));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.writeBytes((String.join("\n", lines) + "\n{\"id\": \"badbytes\", \"text\": \"坏").getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xFF});  // neither UTF-8 nor GB18030/Big5 (clean tries those too)
    bytes.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
    Files.write(in.resolve("docs.jsonl"), bytes.toByteArray());

    // one size limit, the one reader's default for every stage, so the long line is "oversized" everywhere
    String[] limit = {"--set", "stage.input.max-record-bytes=4096"};
    run("clean", "--input", in.toString(), "--output", tmp.resolve("clean").toString(), limit[0], limit[1]);
    run("dedup", "--input", in.toString(), "--output", tmp.resolve("dedup").toString(), limit[0], limit[1]);
    run("vocab", "--input", in.toString(), "--output", tmp.resolve("vocab").toString(), "--vocab-size", "300",
        limit[0], limit[1]);
    run("generate", "--task", "summary", "--method", "extractive", "--input", in.toString(), "--output",
        tmp.resolve("generate").toString(), limit[0], limit[1]);

    String files = "['" + tmp.resolve("clean/rejected/*.parquet") + "', '" + tmp.resolve("dedup/rejected/*.parquet")
        + "', '" + tmp.resolve("vocab/rejected/*.parquet") + "', '" + tmp.resolve("generate/rejected/*.parquet")
        + "']";
    JsonNode counts = duckdb(root, "SELECT stage, reason, count(*) AS n FROM read_parquet(" + files + ") "
        + "WHERE reason IN ('malformed-json', 'missing-text', 'oversized', 'undecodable') GROUP BY ALL ORDER BY ALL");
    List<String> got = new ArrayList<>();
    counts.get("rows").forEach(r -> got.add(r.get(0).asText() + " " + r.get(1).asText() + " " + r.get(2).asLong()));
    List<String> expected = new ArrayList<>();
    for (String stage : List.of("clean", "dedup", "generate", "vocab")) {
      for (String reason : List.of("malformed-json", "missing-text", "oversized", "undecodable")) {
        expected.add(stage + " " + reason + (reason.equals("missing-text") ? " 2" : " 1"));
      }
    }
    assertEquals(expected, got);

    // no id: every stage derives the same id (stage.input.id = derive), for a kept record and for a rejected one
    String keptId = RecordReader.derivedId(idlessGood);
    String rejectedId = RecordReader.derivedId(idlessBad);
    JsonNode ids = duckdb(root, "SELECT stage, reason, id FROM read_parquet(" + files + ") "
        + "WHERE reason = 'missing-id' OR id = '" + rejectedId + "' "
        + "UNION ALL SELECT 'clean', 'kept', id FROM read_parquet('" + tmp.resolve("clean/kept/*.parquet") + "') "
        + "WHERE id = '" + keptId + "' "
        + "UNION ALL SELECT 'dedup', 'kept', id FROM read_parquet('" + tmp.resolve("dedup/kept/*.parquet") + "') "
        + "WHERE id = '" + keptId + "' "
        + "UNION ALL SELECT 'generate', 'summary', id FROM read_parquet('" + tmp.resolve("generate/data/*.parquet")
        + "') WHERE id = '" + keptId + "' AND error IS NULL ORDER BY ALL");
    List<String> gotIds = new ArrayList<>();
    ids.get("rows").forEach(r -> gotIds.add(r.get(0).asText() + " " + r.get(1).asText() + " " + r.get(2).asText()));
    assertEquals(List.of("clean kept " + keptId, "clean missing-text " + rejectedId, "dedup kept " + keptId,
        "dedup missing-text " + rejectedId, "generate missing-text " + rejectedId, "generate summary " + keptId,
        "vocab missing-text " + rejectedId), gotIds);

    JsonNode schema = duckdb(root, "SELECT * FROM read_parquet(" + files + ") LIMIT 0");
    assertEquals("[\"id\",\"stage\",\"reason\",\"value\",\"detail\",\"record\"]", schema.get("columns").toString());
  }

  private static void run(String... args) throws Exception {
    assertEquals(0, Pipeline.run(args, System.out, System.err), String.join(" ", args));
  }

  private JsonNode duckdb(Path root, String sql) throws Exception {
    Path err = tmp.resolve("duckdb.err");
    Process p = new ProcessBuilder("node", root.resolve("oracle/duckdb-query.mjs").toString(), sql)
        .redirectError(err.toFile()).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertEquals(true, p.waitFor(120, TimeUnit.SECONDS), "duckdb timed out");
    assertEquals(0, p.exitValue(), () -> readQuietly(err));
    return new ObjectMapper().readTree(out);
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return String.valueOf(e);
    }
  }

  private static boolean nodeAvailable() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
