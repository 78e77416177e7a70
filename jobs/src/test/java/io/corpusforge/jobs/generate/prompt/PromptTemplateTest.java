package io.corpusforge.jobs.generate.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
  private static final String FILE = "# t v1\n# notes\n\n写一个不超过{{max_chars}}字的标题。\n名称：{{title}}\n品牌：{{brand}}\n"
      + "{{title}}/{{brand}}\n标题：\n\n";

  @Test
  void headerIsSkippedSettingsFilledAndEmptyLinesDropped() {
    PromptTemplate t = PromptTemplate.parse("t", FILE, Set.of("title", "brand"), Map.of("max_chars", "20"));
    assertEquals("写一个不超过20字的标题。\n名称：裤子\n裤子/\n标题：", t.render(Map.of("title", "裤子")));
    assertEquals("写一个不超过20字的标题。\n名称：裤子\n品牌：某牌\n裤子/某牌\n标题：",
        t.render(Map.of("title", "裤子", "brand", "某牌")));
  }

  @Test
  void hashFollowsFileAndSettings() {
    String h = PromptTemplate.parse("t", FILE, Set.of("title", "brand"), Map.of("max_chars", "20")).hash();
    assertEquals(16, h.length());
    assertEquals(h, PromptTemplate.parse("other-name", FILE, Set.of("title", "brand"), Map.of("max_chars", "20")).hash());
    assertNotEquals(h, PromptTemplate.parse("t", FILE, Set.of("title", "brand"), Map.of("max_chars", "21")).hash());
    assertNotEquals(h, PromptTemplate.parse("t", FILE.replace("v1", "v2"), Set.of("title", "brand"),
        Map.of("max_chars", "20")).hash());
  }

  @Test
  void unknownPlaceholderAndEmptyBodyAreErrors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PromptTemplate.parse("t", "名称：{{titel}}", Set.of("title"), Map.of()));
    assertTrue(e.getMessage().contains("{{titel}}"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PromptTemplate.parse("t", "# only header\n", Set.of(), Map.of()));
  }
}
