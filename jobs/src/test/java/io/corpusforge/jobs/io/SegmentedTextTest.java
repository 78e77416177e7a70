package io.corpusforge.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SegmentedTextTest {
  @Test
  void removesSpacesNextToChineseButKeepsThemBetweenLatinWords() {
    assertEquals("家庭影院声道杜比解码，挑战更薄精密工艺", SegmentedText.join("家庭影院 声道 杜比 解码 ， 挑战 更薄 精密 工艺 "));
    assertEquals("SAS智能系统支持Wi Fi 6", SegmentedText.join("SAS 智能 系统 支持 Wi Fi 6"));
    assertEquals("5.1声道解码", SegmentedText.join("5.1声道  解码"));
  }
}
