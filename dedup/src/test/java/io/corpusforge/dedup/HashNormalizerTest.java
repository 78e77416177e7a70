package io.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class HashNormalizerTest {
  private final HashNormalizer plain = HashNormalizer.withoutFolding();

  @Test
  void whitespaceAndPunctuationVariantsNormalizeEqual() {
    String a = "今天，北京天气晴朗。气温25度！";
    String b = "今天, 北京天气晴朗.  气温２５度!\n";
    String c = "今天　北京天气晴朗……气温 25 度";
    assertEquals("今天北京天气晴朗气温25度", plain.normalize(a));
    assertEquals(plain.normalize(a), plain.normalize(b));
    assertEquals(plain.normalize(a), plain.normalize(c));
  }

  @Test
  void fullWidthLatinFoldsAndLowercases() {
    assertEquals("iphone15pro", plain.normalize("ｉＰｈｏｎｅ　１５ Pro"));
  }

  @Test
  void symbolsEmojiAndZeroWidthAreDropped() {
    assertEquals("价格100元", plain.normalize("价格：￥100元 😀\u200b★"));
  }

  @Test
  void foldingAppliesToEveryCodePoint() {
    HashNormalizer folded = new HashNormalizer(cp -> cp == '國' ? '国' : cp == '說' ? '说' : cp);
    assertEquals(folded.normalize("中国说"), folded.normalize("中國說"));
    assertNotEquals(plain.normalize("中国说"), plain.normalize("中國說"));
  }

  @Test
  void nullAndEmptyAreEmpty() {
    assertEquals("", plain.normalize(null));
    assertEquals("", plain.normalize(" ，。\n"));
  }
}
