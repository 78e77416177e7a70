package io.corpusforge.jobs.generate.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.jobs.generate.text.LengthCut;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExtractiveSummarizerTest {
  private final ChineseWords words = new ChineseWords(Set.of("的", "了", "是"));
  private final ExtractiveSummarizer summarizer = new ExtractiveSummarizer(words, new TextRank(0.85, 100, 1e-6));

  @AfterEach
  void close() {
    words.close();
  }

  @Test
  void segmentsWithSmartcnAndDropsStopWordsAndPunctuation() {
    List<String> w = words.words("我们的产品质量很好。");
    assertTrue(w.contains("产品") && w.contains("质量"), w::toString);
    assertTrue(!w.contains("的") && !w.contains("。"), w::toString);
  }

  @Test
  void picksTheCentralSentenceInDocumentOrder() {
    String doc = "今天天气很好。新能源汽车的销量大幅增长。电池技术进步推动新能源汽车销量增长。"
        + "新能源汽车电池成本下降。小明喜欢吃苹果。";
    String one = summarizer.summarize(doc, 20);
    assertEquals("电池技术进步推动新能源汽车销量增长。", one);
    String two = summarizer.summarize(doc, 40);
    // the two best sentences in document order; the off-topic ones are not used to fill the remaining space
    assertEquals("新能源汽车的销量大幅增长。电池技术进步推动新能源汽车销量增长。", two);
    assertTrue(LengthCut.length(two) <= 40, two);
  }

  @Test
  void aSentenceLongerThanTheLimitIsCutAtAClause() {
    assertEquals("这件衬衫采用纯棉面料", summarizer.summarize("这件衬衫采用纯棉面料，透气舒适，适合夏天穿着。", 12));
    assertEquals("", summarizer.summarize("  ", 10));
  }

  @Test
  void leadTakesTheFirstSentencesThatFit() {
    assertEquals("第一句。第二句。", ExtractiveSummarizer.lead("第一句。第二句。第三句。", 9));
  }
}
