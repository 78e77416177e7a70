package io.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
  private final HtmlStripper stripper = new HtmlStripper();

  @Test
  void tagsGoBlocksBecomeLinesScriptsVanish() {
    String html = "<html><head><title>新闻</title><script>var a='<p>x</p>';</script><style>p{}</style></head>"
        + "<body><div class=\"nav\">首页</div><p>第一段<b>加粗</b>文字</p><!-- 注释 --><p>第二段<br/>换行</p></body></html>";
    String text = Normalizers.WHITESPACE.rewrite(stripper.rewrite(html));
    assertEquals("新闻\n\n首页\n\n第一段加粗文字\n\n第二段\n换行", text);
  }

  @Test
  void piiPlaceholdersAreNotTags() {
    assertEquals("电话<PHONE>，邮箱<EMAIL>", stripper.rewrite("电话<PHONE>，邮箱<EMAIL>"));
    assertEquals("电话<PHONE>", stripper.rewrite("<p>电话<PHONE></p>").strip());
  }

  @Test
  void plainTextWithAngleBracketsIsUntouched() {
    assertEquals("价格<100元且>50元", stripper.rewrite("价格<100元且>50元"));
  }

  @Test
  void entitiesDecodeIncludingBrokenOnes() {
    assertEquals("他说：\u201C你好\u201D", HtmlEntities.decode("他说：&ldquo;你好&rdquo;"));
    assertEquals("\u201C你好\u201D", HtmlEntities.decode("&ldquo你好&rdquo"));
    assertEquals("\u201C你好\u201D", HtmlEntities.decode("?ldquo;你好?rdquo;"));
    assertEquals("中文", HtmlEntities.decode("&#20013;&#x6587;"));
    assertEquals("a\u00A0b", HtmlEntities.decode("a&amp;nbsp;b"));
    assertEquals("A&B公司", HtmlEntities.decode("A&amp;B公司"));
    assertEquals("&amplifier 为什么?", HtmlEntities.decode("&amplifier 为什么?"));
  }
}
