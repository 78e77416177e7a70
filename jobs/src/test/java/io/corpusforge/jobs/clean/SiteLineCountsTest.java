package io.corpusforge.jobs.clean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.clean.CleanChainFactory;
import io.corpusforge.clean.LineHash;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.io.CorpusInput;
import io.corpusforge.jobs.io.InputFormat;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.stage.OutputPolicy;
import io.corpusforge.jobs.stage.StageRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cross-document line frequency on real Spark: a prose line that recurs in min-docs (3) pages of one site is removed
 * from them, the same line on another site (seen once there) stays, and the counts do not depend on partitioning.
 */
class SiteLineCountsTest {
  private static final String SITE_LINE = "城市生活网每天为您精选本地新闻，感谢您的阅读与支持。";
  private static final List<String> BODIES = List.of(
      "市交通局昨日发布消息，新开通的三条公交线路将于下周一起正式运营，沿途共设站点四十二个，方便城东居民出行。",
      "城西菜市场改造工程近日完工，新市场划分了蔬菜、水产和熟食三个区域，摊位统一配备了电子秤和防雨棚。",
      "市图书馆宣布自下月起延长开放时间至晚上十点，并在一楼增设自习区，为上班族和学生提供更多阅读空间。",
      "老旧小区加装电梯工作进入第二阶段，今年计划完成一百二十部电梯的安装，居民可向街道办事处提交申请。");

  @TempDir Path work;

  private Path corpus() throws Exception {
    ObjectMapper json = new ObjectMapper();
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      lines.append(json.writeValueAsString(Map.of("id", "city-" + i, "url", "https://www.city.example.com/news/" + i,
          "text", "本地新闻第" + (i + 1) + "期\n" + BODIES.get(i) + "\n" + SITE_LINE))).append('\n');
    }
    lines.append(json.writeValueAsString(Map.of("id", "other-0", "url", "https://other.example.org/a",
        "text", "外站转载\n" + BODIES.get(3) + "\n" + SITE_LINE))).append('\n');
    Path in = work.resolve("in");
    Files.createDirectories(in);
    Files.writeString(in.resolve("pages.jsonl"), lines);
    return in;
  }

  @Test
  void aLineRecurringAcrossOneSitesPagesIsRemovedThereOnly() throws Exception {
    SparkSession spark = TestSpark.session();
    var config = PipelineConfig.defaults();
    String out = work.resolve("out").toString();
    StageRunner.run(spark, new CleanJob(List.of(corpus().toString()), config), out, OutputPolicy.OVERWRITE, config);
    Map<String, String> kept = new HashMap<>();
    for (Row r : spark.read().parquet(out + "/kept").select("id", "text").collectAsList()) {
      kept.put(r.getString(0), r.getString(1));
    }
    assertEquals(Set.of("city-0", "city-1", "city-2", "other-0"), kept.keySet());
    for (int i = 0; i < 3; i++) {
      assertFalse(kept.get("city-" + i).contains(SITE_LINE), kept.get("city-" + i));
      assertTrue(kept.get("city-" + i).contains(BODIES.get(i)));
    }
    assertTrue(kept.get("other-0").contains(SITE_LINE), "seen once on its own site: not boilerplate there");
  }

  @Test
  void countsAreTheSameWhateverThePartitioning() throws Exception {
    SparkSession spark = TestSpark.session();
    var config = PipelineConfig.defaults();
    var chain = CleanChainFactory.fromConfig(config.getConfig("clean"));
    var site = config.getConfig("clean.site-boilerplate");
    var raw = CorpusInput.read(spark, List.of(corpus().toString()), ReadOptions.of(config, "clean.input"),
        InputFormat.BY_NAME);
    Map<String, long[]> one = SiteLineCounts.frequentLines(raw.coalesce(1), chain, site);
    Map<String, long[]> four = SiteLineCounts.frequentLines(raw.repartition(4), chain, site);
    assertEquals(Set.of("city.example.com"), one.keySet());
    assertArrayEquals(new long[] {LineHash.of(SITE_LINE)}, one.get("city.example.com"));
    assertArrayEquals(one.get("city.example.com"), four.get("city.example.com"));
  }

  @Test
  void theSourceIsTheUrlsDomainElseTheFile() {
    assertEquals("city.example.com", SourceKey.of(Map.of("url", "https://www.City.example.com/x?y=1", "source", "a:1")));
    assertEquals("file:feeds/a.jsonl", SourceKey.of(Map.of("source", "feeds/a.jsonl:12")));
    assertEquals("file:news.dat", SourceKey.of(Map.of("url", "not a url", "source", "news.dat#3")));
  }
}
