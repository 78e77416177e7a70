package io.corpusforge.jobs.generate.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LengthCutTest {
  @Test
  void fittingTextIsKept() {
    assertEquals(new LengthCut.Cut("短句。", LengthCut.Boundary.NONE), LengthCut.cut(" 短句。 ", 3));
  }

  @Test
  void cutsAfterTheLastWholeSentence() {
    assertEquals(new LengthCut.Cut("第一句。第二句！", LengthCut.Boundary.SENTENCE),
        LengthCut.cut("第一句。第二句！第三句很长很长。", 12));
    assertEquals(new LengthCut.Cut("他说“好。”", LengthCut.Boundary.SENTENCE), LengthCut.cut("他说“好。”然后走了很远很远", 7));
  }

  @Test
  void fallsBackToClauseThenHardCut() {
    assertEquals(new LengthCut.Cut("面料柔软", LengthCut.Boundary.CLAUSE), LengthCut.cut("面料柔软，版型宽松显瘦", 8));
    assertEquals(new LengthCut.Cut("一二三四", LengthCut.Boundary.HARD), LengthCut.cut("一二三四五六", 4));
  }

  @Test
  void countsCodePointsNotUtf16Units() {
    // 😀 is two UTF-16 units but one character
    assertEquals(3, LengthCut.length("😀好😀"));
    assertEquals(new LengthCut.Cut("😀好", LengthCut.Boundary.HARD), LengthCut.cut("😀好😀好", 2));
  }

  @Test
  void rejectsNonPositiveLimit() {
    assertThrows(IllegalArgumentException.class, () -> LengthCut.cut("x", 0));
  }
}
