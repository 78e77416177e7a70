package io.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ParagraphsTest {
  private final HashNormalizer norm = HashNormalizer.withoutFolding();

  @Test
  void keysIgnoreShortParagraphsAndPunctuationVariants() {
    long a = Paragraphs.key("本文仅代表作者观点，与本站无关。", norm, 6);
    long b = Paragraphs.key("本文仅代表作者观点 与本站无关", norm, 6);
    assertEquals(a, b);
    assertEquals(0, Paragraphs.key("图片", norm, 6));
    assertEquals(1, Paragraphs.keys("图片\n本文仅代表作者观点，与本站无关。\n\n本文仅代表作者观点与本站无关", norm, 6).length);
  }

  @Test
  void removeKeepsOtherLinesInOrder() {
    long boiler = Paragraphs.key("本文仅代表作者观点，与本站无关。", norm, 6);
    String text = "第一段正文内容很重要。\r\n本文仅代表作者观点，与本站无关。\n\n第二段正文内容。";
    Paragraphs.Removal r = Paragraphs.remove(text, norm, 6, Set.of(boiler)::contains);
    assertEquals(1, r.removed());
    assertEquals("第一段正文内容很重要。\n\n第二段正文内容。", r.text());
    Paragraphs.Removal none = Paragraphs.remove(text, norm, 6, k -> false);
    assertEquals(text, none.text());
  }
}
