package io.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.cli.PipelineConfig;
import org.junit.jupiter.api.Test;

/** The shipped default chain ({@code conf/clean.conf} bound by {@link CleanChainFactory}) on hand-written pages. */
class DefaultCleanChainTest {
  private static final String NEWS = "深圳今后将设地铁头等车厢，设坐票制。昨日，在深港地铁圈高峰论坛上透露，在未来的11号线上将增加特色服务，"
      + "满足不同消费层次的乘客的不同需求，如特设行李架的车厢和买双倍票可有座位坐的车厢等。";

  @Test
  void defaultChainKeepsNewsAndRejectsJunkWithReasons() {
    CleanChain chain = CleanChainFactory.fromConfig(PipelineConfig.defaults().getConfig("clean"));
    CleanOutcome news = chain.process("<p>" + NEWS + "</p><p>分享到：微信</p>");
    assertTrue(news.kept(), () -> "rejected by " + news.reason());
    assertEquals(NEWS, news.text());
    assertTrue(news.editedBy().contains("html"));
    assertTrue(news.editedBy().contains("boilerplate-lines"));
    assertTrue(news.qualityScore() > 0.7 && news.qualityScore() <= 1.0);

    assertEquals("min-chinese-chars", chain.process("只有几个字。").reason());
    assertEquals("chinese-ratio", chain.process(NEWS.substring(0, 40) + "\nThe metro company said on Friday that first-class carriages would run on line eleven "
        + "from next year, with seats sold at twice the normal fare; commuters interviewed near Futian station were "
        + "divided, some welcoming a quieter ride while others worried about crowding in standard cars.").reason());
    assertEquals("repeated-lines", chain.process((NEWS + "\n").repeat(3)).reason());
    String second = "市民普遍表示欢迎，但也有人担心票价上涨会增加通勤成本，希望地铁公司在推出新服务的同时保障普通车厢的运力。";
    CleanOutcome pastedTwice = chain.process(NEWS + "\n" + second + "\n" + NEWS);
    assertTrue(pastedTwice.kept(), () -> pastedTwice.reason() + " " + pastedTwice.value());
    assertEquals(NEWS + "\n" + second, pastedTwice.text());
    String stuffed = "减肥药效果好减肥药哪个好减肥药排行榜".repeat(20);
    assertEquals("duplicate-ngram-ratio", chain.process(stuffed).reason());
    StringBuilder priceList = new StringBuilder("价格表：" + NEWS.substring(0, 40));
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 30; i++) {
      priceList.append("\n型号").append(random.nextInt(100000)).append(" 报价").append(random.nextInt(10000000));
    }
    // the number lines go as non-content lines; what is left is too little prose: the quality score rejects it
    assertEquals("quality-score", chain.process(priceList.toString()).reason());
  }

  @Test
  void piiCountsReachTheOutcome() {
    CleanChain chain = CleanChainFactory.fromConfig(PipelineConfig.defaults().getConfig("clean"));
    CleanOutcome o = chain.process(NEWS + "记者联系邮箱：reporter@example.com");
    assertTrue(o.kept());
    assertTrue(o.text().endsWith("记者联系邮箱：<EMAIL>"));
    assertEquals(1L, o.counters().get("pii.EMAIL"));
  }
}
