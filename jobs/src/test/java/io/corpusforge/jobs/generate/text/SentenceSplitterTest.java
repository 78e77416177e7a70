package io.corpusforge.jobs.generate.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
  @Test
  void splitsOnChinesePunctuationKeepingClosers() {
    assertEquals(List.of("今天下雨了。", "他说：“明天呢？”", "不知道……", "好吧！"),
        SentenceSplitter.split("今天下雨了。他说：“明天呢？”不知道……好吧！"));
  }

  @Test
  void asciiMarksSplitOnlyInChineseContext() {
    // CSL abstracts use ASCII punctuation; decimals and English abbreviations stay whole
    assertEquals(List.of("精度提高了3.5倍.", "方法见e.g. 文献;", "结论成立."),
        SentenceSplitter.split("精度提高了3.5倍.方法见e.g. 文献;结论成立."));
  }

  @Test
  void lineBreaksEndSentencesAndBlanksDisappear() {
    assertEquals(List.of("标题", "正文第一句。"), SentenceSplitter.split("  标题\n\n正文第一句。 \n"));
    assertEquals(List.of(), SentenceSplitter.split(" \n "));
    assertEquals(List.of("没有句号的文本"), SentenceSplitter.split("没有句号的文本"));
  }
}
