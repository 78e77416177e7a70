package io.corpusforge.jobs.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.stage.OutputPolicy;
import io.corpusforge.jobs.stage.StageException;
import io.corpusforge.jobs.stage.StageReport;
import io.corpusforge.jobs.stage.StageRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupJobTest {
  private final SparkSession spark = TestSpark.session();
  private final DedupSettings settings = DedupSettings.from(PipelineConfig.defaults());

  @TempDir
  Path tmp;

  private static final String ARTICLE = """
      今年以来，北京消费市场呈现稳定增长态势，同比上升12%。有关部门表示，推动消费市场是当前工作的重点。
      据了解，北京已有35家单位参与消费市场相关工作。业内专家认为，消费市场的发展离不开良好的政策环境。
      数据显示，上半年居民收入规模达到120亿元。分析人士指出，要进一步优化营商环境，扩大小微企业。
      不少人关心物价水平的变化，市场人士建议理性看待。围绕就业形势，北京出台了8项具体措施。""";

  private static final String OTHER = """
      近日，成都足球联赛呈现快速增长态势，同比上升30%。教练组表示，加强青少年训练是当前工作的重点。
      调查发现，约60%的受访者表示关注全民健身。当地政府透露，下一步将重点支持马拉松和游泳队。""";

  private static final String BOILER = "本文来源于网络，仅供参考，如有侵权请联系删除。";

  private Path writeJsonl(String name, List<Map<String, Object>> rows) throws Exception {
    Path dir = tmp.resolve(name);
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper();
    StringBuilder sb = new StringBuilder();
    for (Map<String, Object> r : rows) {
      sb.append(json.writeValueAsString(r)).append('\n');
    }
    Files.writeString(dir.resolve("part.jsonl"), sb.toString(), StandardCharsets.UTF_8);
    return dir;
  }

  /** The dedup stage through the skeleton, as the command runs it. */
  static StageReport run(SparkSession spark, DedupSettings settings, List<String> inputs, Path out,
      OutputPolicy policy) throws Exception {
    return StageRunner.run(spark, new DedupJob(inputs, settings, ReadOptions.of(PipelineConfig.defaults(), "dedup.input")),
        out.toString(), policy, PipelineConfig.defaults());
  }

  private static Map<String, Object> doc(String id, String text, Double q) {
    Map<String, Object> m = new TreeMap<>();
    m.put("id", id);
    m.put("text", text);
    if (q != null) {
      m.put("quality_score", q);
    }
    return m;
  }

  @Test
  void removesExactNearAndBoilerplateAndReportsIt() throws Exception {
    String nearCopy = ARTICLE.replace("围绕就业形势，北京出台了8项具体措施。", "");
    Map<String, Object> missingText = new TreeMap<>(Map.of("id", "z-no-text"));
    Path in = writeJsonl("in", List.of(
        doc("a1", ARTICLE, 0.5),
        doc("a2", ARTICLE.replace("，", ", ").replace("。", ". "), 0.9),   // exact after normalization, better score
        doc("a3", com.github.houbb.opencc4j.util.ZhConverterUtil.toTraditional(ARTICLE), 0.1), // traditional copy
        doc("a4", nearCopy, 0.99),                                          // near duplicate, best score
        doc("b1", OTHER + "\n" + BOILER, 0.7),
        doc("c1", "第一篇不同的文章讲的是乡村民宿和古镇旅游的发展情况，游客数量明显增加。\n" + BOILER, 0.6),
        doc("c2", "第二篇讲的是新能源汽车和充电桩的建设，汽车销量持续上升，售后服务也在改善。\n" + BOILER, 0.6),
        doc("c3", BOILER, 0.6),                                             // nothing but boilerplate
        doc("a1", "a repeated id with other text", 0.1),                   // duplicate id: the lower score goes
        missingText));
    Path out = tmp.resolve("out");
    StageReport stage = run(spark, settings, List.of(in.toString()), out, OutputPolicy.REFUSE);
    DedupSection report = (DedupSection) stage.section();

    Map<String, Row> clusters = spark.read().parquet(out + "/clusters").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("id"), r -> r));
    assertEquals("a4", clusters.get("a1").getAs("representative_id"));
    assertEquals("a1", clusters.get("a4").getAs("cluster_id"));
    assertEquals("exact", clusters.get("a1").getAs("removed_by")); // a2 is a1's exact representative
    assertEquals("near", clusters.get("a2").getAs("removed_by"));
    // the traditional copy folds back to the simplified text up to OpenCC's one-to-many characters
    assertEquals("a1", clusters.get("a3").getAs("cluster_id"));
    assertFalse((Boolean) clusters.get("a3").getAs("kept"));
    assertTrue((Boolean) clusters.get("a4").getAs("kept"));
    double sim = clusters.get("a2").getAs("similarity");
    assertTrue(sim >= 0.8 && sim < 1.0, "similarity " + sim);
    assertEquals(4L, (long) clusters.get("a3").getAs("cluster_size"));

    Map<String, String> kept = spark.read().parquet(out + "/kept").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getAs("id"), r -> r.getAs("text")));
    assertEquals(Map.of("a4", nearCopy).get("a4"), kept.get("a4"));
    assertEquals(List.of("a4", "b1", "c1", "c2"), kept.keySet().stream().sorted().toList());
    // boilerplate stays in the first document (b1 < c1 < c2 < c3) and leaves the others
    assertTrue(kept.get("b1").contains(BOILER));
    assertFalse(kept.get("c1").contains(BOILER));
    assertFalse(kept.get("c2").contains(BOILER));
    assertEquals("paragraphs", clusters.get("c3").getAs("removed_by"));
    assertEquals(List.of("id", "quality_score", "text"), List.of(spark.read().parquet(out + "/kept").columns()));

    assertEquals(10, stage.rowsIn());
    assertEquals(Map.of("duplicate-id", 1L, "missing-text", 1L), stage.rejectedByReason());
    assertEquals(3, report.exactDuplicatesRemoved() + report.nearDuplicatesRemoved());
    assertTrue(report.exactDuplicatesRemoved() >= 1);
    assertEquals(1, report.docsEmptiedByParagraphs());
    assertEquals(3, report.paragraphsRemoved());
    assertEquals(4, stage.rowsOut());
    assertEquals(Map.of("4", 1L), report.clusterSizeHistogram());
    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(4, json.at("/rows/out").asLong());
    assertEquals(3, json.at("/dedup/exact_duplicates_removed").asLong() + json.at("/dedup/near_duplicates_removed")
        .asLong());
    Dataset<Row> rejects = spark.read().parquet(out + "/rejected");
    assertEquals(List.of("id", "stage", "reason", "value", "detail", "record"), List.of(rejects.columns()));
    assertEquals(2, rejects.filter("stage = 'dedup'").count());
  }

  @Test
  void refusesToOverwriteAndRejectsInputWithoutText() throws Exception {
    Path in = writeJsonl("notext", List.of(Map.of("id", "x", "body", "hello")));
    var e = org.junit.jupiter.api.Assertions.assertThrows(StageException.class,
        () -> run(spark, settings, List.of(in.toString()), tmp.resolve("o"), OutputPolicy.REFUSE));
    assertTrue(e.getMessage().contains("no 'text' column"), e.getMessage());
    Files.createDirectories(tmp.resolve("exists"));
    Files.writeString(tmp.resolve("exists/old.txt"), "an earlier run");
    Path ok = writeJsonl("ok", List.of(doc("x", "有文字的文档", null)));
    var e2 = org.junit.jupiter.api.Assertions.assertThrows(StageException.class,
        () -> run(spark, settings, List.of(ok.toString()), tmp.resolve("exists"), OutputPolicy.REFUSE));
    assertTrue(e2.getMessage().contains("already exists"), e2.getMessage());
  }
}
