package io.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NormalizersTest {
  @Test
  void nfcComposesButKeepsChinesePunctuation() {
    assertEquals("café，你好：世界？", Normalizers.NFC.rewrite("cafe\u0301，你好：世界？"));
  }

  @Test
  void fullwidthLettersAndDigitsBecomeHalfwidthChinesePunctuationStays() {
    var fold = Normalizers.fullwidthToHalfwidth("％");
    assertEquals("iPhone15售价5999元，优惠20%！", fold.rewrite("ｉＰｈｏｎｅ１５售价５９９９元，优惠２０％！"));
    assertEquals("南都ＭＥＴＲＯ", "南都ＭＥＴＲＯ");  // sanity: the literal itself is full-width
    assertEquals("南都METRO创刊，2012年", fold.rewrite("南都ＭＥＴＲＯ创刊，２０１２年"));
  }

  @Test
  void traditionalToSimplifiedUsesOpenccPhrases() {
    assertEquals("青苹果3C相机收购，专业评估，高价回收", Normalizers.TRADITIONAL_TO_SIMPLIFIED.rewrite("青蘋果3C相機收購，專業評估，高價回收"));
    assertEquals("头发", Normalizers.TRADITIONAL_TO_SIMPLIFIED.rewrite("頭髮"));
    String simplified = "这是简体中文。";
    assertEquals(simplified, Normalizers.TRADITIONAL_TO_SIMPLIFIED.rewrite(simplified));
  }

  @Test
  void invisibleAndControlCharactersGo() {
    assertEquals("中文\n文本\t好", Normalizers.INVISIBLE_CHARS.rewrite("中\u200B文\n\uFEFF文\u0007本\t好\u200E"));
  }

  @Test
  void mojibakeRunsAreRepairedOrRemoved() {
    assertEquals("中文内容", Normalizers.MOJIBAKE.rewrite("中文锟斤拷锟斤拷内容"));
    assertEquals("好文", Normalizers.MOJIBAKE.rewrite("好\uFFFD\uFFFD文"));
    assertEquals("标题：中文", Normalizers.MOJIBAKE.rewrite("标题：ä¸­æ–‡"));
    assertEquals("写着“春水春池满”几个字", Normalizers.MOJIBAKE.rewrite("写着“æ˜¥æ°´æ˜¥æ±\u00a0æ»¡”几个字"));
    assertEquals("café au lait", Normalizers.MOJIBAKE.rewrite("café au lait"));
  }

  @Test
  void pinyinAnnotationsAreRemovedButEnglishGlossesStay() {
    assertEquals("创始人", Normalizers.PINYIN_ANNOTATIONS.rewrite("创(chuàng)始人"));
    assertEquals("这个字读作乐", Normalizers.PINYIN_ANNOTATIONS.rewrite("这个字读作乐（yuè）"));
    assertEquals("饕餮", Normalizers.PINYIN_ANNOTATIONS.rewrite("饕餮(tāo tiè)"));
    assertEquals("创始人", Normalizers.PINYIN_ANNOTATIONS.rewrite("创(chuang4)始人"));
    assertEquals("苹果(Apple)公司", Normalizers.PINYIN_ANNOTATIONS.rewrite("苹果(Apple)公司"));
    assertEquals("第(1)条", Normalizers.PINYIN_ANNOTATIONS.rewrite("第(1)条"));
  }

  @Test
  void whitespaceCollapsesIncludingIdeographicSpace() {
    assertEquals("南都讯 记者刘凡 周昌和\n第二段\n\n第三段",
        Normalizers.WHITESPACE.rewrite("  南都讯　记者刘凡　　周昌和 \r\n  第二段\n\n\n\n第三段  "));
  }
}
