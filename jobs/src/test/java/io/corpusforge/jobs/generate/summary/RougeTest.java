package io.corpusforge.jobs.generate.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RougeTest {
  private static final double EPS = 1e-9;

  @Test
  void equalLengthPartialOverlap() {
    // cand 我爱天安门广场 vs ref 我爱北京天安门: 5 shared characters of 7; bigrams 我爱/天安/安门 of 6; LCS 我爱天安门
    Rouge.Scores s = Rouge.score("我爱天安门广场", "我爱北京天安门");
    assertEquals(5.0 / 7, s.rouge1(), EPS);
    assertEquals(0.5, s.rouge2(), EPS);
    assertEquals(5.0 / 7, s.rougeL(), EPS);
  }

  @Test
  void shorterCandidate() {
    // P = 1, R = 3/7 -> F = 0.6; bigrams P = 1, R = 2/6 -> F = 0.5
    Rouge.Scores s = Rouge.score("天安门", "我爱北京天安门");
    assertEquals(0.6, s.rouge1(), EPS);
    assertEquals(0.5, s.rouge2(), EPS);
    assertEquals(0.6, s.rougeL(), EPS);
  }

  @Test
  void repeatedCharactersAreClipped() {
    // 的 occurs 3 times in the candidate, twice in the reference: only 2 count
    Rouge.Scores s = Rouge.score("的的的", "的是的");
    assertEquals(2.0 / 3, s.rouge1(), EPS);
    assertEquals(0.0, s.rouge2(), EPS);
    assertEquals(2.0 / 3, s.rougeL(), EPS);
  }

  @Test
  void lcsIsNotContiguous() {
    // LCS of ABCBDAB and BDCABA is 4 (e.g. BCBA), the textbook example
    assertEquals(4, Rouge.lcs(Rouge.units("ABCBDAB"), Rouge.units("BDCABA")));
  }

  @Test
  void whitespaceIsIgnoredAndEmptyScoresZero() {
    assertEquals(Rouge.score("天安门", "天 安 门"), new Rouge.Scores(1, 1, 1));
    assertEquals(new Rouge.Scores(0, 0, 0), Rouge.score("", "天安门"));
    assertEquals(new Rouge.Scores(0, 0, 0), Rouge.score("天", "地"));
  }
}
