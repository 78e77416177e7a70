package io.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class QualityFiltersTest {
  private static final String NEWS = "深圳今后将设地铁头等车厢，设坐票制。昨日，在深港地铁圈高峰论坛上透露，在未来的11号线上将增加特色服务，"
      + "满足不同消费层次的乘客的不同需求，如特设行李架的车厢和买双倍票可有座位坐的车厢等。";

  @Test
  void metricsOnHandCountedText() {
    assertEquals(4, TextMetrics.hanChars("中文abc，字符"));
    assertEquals(0.5, TextMetrics.hanRatio("中文ab"), 1e-9);
    assertEquals(0.5, TextMetrics.digitRatio("12ab"), 1e-9);
    assertEquals(0.25, TextMetrics.symbolRatio("★好好好"), 1e-9);
    assertEquals(3.0, TextMetrics.meanLineLength("一二三\n\n四五六"), 1e-9);
    assertEquals(1.0, TextMetrics.duplicateNgramCharRatio("一二三四一二三四", 4), 1e-9);
    assertEquals(0.0, TextMetrics.duplicateNgramCharRatio("一二三四五六七八", 4), 1e-9);
  }

  @Test
  void thresholdFilterReportsTheMeasuredValue() {
    var f = new ThresholdFilter("min-chinese-chars", t -> TextMetrics.hanChars(t), 30, Double.POSITIVE_INFINITY);
    var drop = assertInstanceOf(RuleResult.Drop.class, f.apply("太短了"));
    assertEquals(3, drop.value());
    assertEquals(RuleResult.KEEP, f.apply(NEWS));
  }
}
