package io.corpusforge.jobs.generate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.clean.PiiMasker;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyChecksTest {
  private final ExtremeWords words = new ExtremeWords(PipelineConfig.readList("generate/extreme-words.txt"),
      PipelineConfig.readList("generate/extreme-words-allowed.txt"));
  private final CopyChecks checks =
      new CopyChecks(words, new PiiMasker(List.of(PiiMasker.Type.values())), 4, 0.5, 20);

  @Test
  void extremeWordsLongestFirstAndAllowedWordsPass() {
    assertEquals(List.of("最佳", "国家级", "第一"), words.find("最佳面料，国家级工艺，销量第一。"));
    assertEquals(List.of(), words.find("最近上新，第一次购买也放心。"));
    assertEquals(List.of("最"), words.find("最近很火，最舒服的一条裤子"));
    assertEquals("面料，工艺，销量。", words.redact("最佳面料，国家级工艺，销量第一。"));
  }

  @Test
  void flagsEachProblem() {
    assertEquals(List.of("empty"), checks.flags("  "));
    assertEquals(List.of("extreme-word:顶级", "pii:PHONE"), checks.flags("顶级品质，咨询13812345678。"));
    assertEquals(List.of("pii:EMAIL"), checks.flags("联系 shop@example.com 了解更多"));
    assertEquals(List.of("repetitive"), checks.flags("好看好看好看好看好看好看好看好看好看好看好看好看"));
    assertEquals(List.of(), checks.flags("这款连衣裙采用柔软的雪纺面料，碎花图案清新自然，适合春夏出游穿着。"));
  }

  @Test
  void redactMasksPiiAndDropsExtremeWords() {
    assertEquals("品质，咨询<PHONE>。", checks.redact("顶级品质，咨询13812345678。"));
  }

  @Test
  void brokenCharactersAreFlaggedAndRedacted() {
    assertEquals(List.of("invalid-chars"), checks.flags("好看\uFFFD的裙子"));
    assertEquals(List.of("invalid-chars"), checks.flags("好看\u0011的裙子"));
    assertEquals(List.of(), checks.flags("上一行\n下一行\t好看"));
    assertEquals("好看的裙子", checks.redact("好看\uFFFD的\u0000裙子"));
  }

  @Test
  void repetitionRatio() {
    assertEquals(1.0, Repetition.distinctRatio("一二三", 4));
    // 12 chars "abababababab": 9 four-grams, 2 distinct
    assertEquals(2.0 / 9, Repetition.distinctRatio("abababababab", 4), 1e-12);
    assertTrue(Repetition.distinctRatio("这款连衣裙采用柔软的雪纺面料", 4) == 1.0);
  }
}
