package io.corpusforge.jobs.generate.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextRankTest {
  private final TextRank textRank = new TextRank(0.85, 200, 1e-9);

  @Test
  void edgeWeightIsOverlapOverLogLengths() {
    // 2 shared words, sizes 3 and 4: 2 / (ln 3 + ln 4)
    assertEquals(2 / (Math.log(3) + Math.log(4)),
        TextRank.similarity(Set.of("a", "b", "c"), Set.of("a", "b", "d", "e")), 1e-12);
    assertEquals(0, TextRank.similarity(Set.of("a"), Set.of("b")));
    assertEquals(1, TextRank.similarity(Set.of("a"), Set.of("a")));
  }

  @Test
  void theSentenceLinkedToAllOthersRanksFirst() {
    double[] s = textRank.scores(List.of(
        List.of("猫", "狗"),
        List.of("猫", "狗", "鸟", "鱼"),
        List.of("鸟", "鱼"),
        List.of("天气")));
    assertTrue(s[1] > s[0] && s[1] > s[2], () -> java.util.Arrays.toString(s));
    // an isolated sentence keeps only the teleport share
    assertEquals(0.15, s[3], 1e-9);
  }

  @Test
  void symmetricGraphGivesEqualScoresAndIsDeterministic() {
    List<List<String>> sentences = List.of(List.of("x", "y"), List.of("x", "y"));
    double[] a = textRank.scores(sentences);
    assertEquals(a[0], a[1], 1e-12);
    assertArrayEquals(a, textRank.scores(sentences));
  }
}
