package io.corpusforge.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraditionalCharsTest {
  @Test
  void detectsTraditionalText() {
    assertTrue(TraditionalChars.anyIn("深圳地鐵將設立頭等車廂"));
    assertFalse(TraditionalChars.anyIn("深圳地铁将设立头等车厢"));
    assertFalse(TraditionalChars.anyIn("plain ascii"));
  }

  @Test
  void foldsCharactersToTheirSimplifiedForm() {
    String traditional = "深圳地鐵將設立頭等車廂";
    StringBuilder folded = new StringBuilder();
    traditional.codePoints().map(TraditionalChars::toSimplified).forEach(folded::appendCodePoint);
    assertEquals("深圳地铁将设立头等车厢", folded.toString());
    assertEquals(0x1F600, TraditionalChars.toSimplified(0x1F600));
    assertEquals('a', TraditionalChars.toSimplified('a'));
  }

  /** The one table gives what opencc4j's own character conversion gives, over every BMP CJK character. */
  @Test
  void agreesWithOpenccCharacterConversion() {
    List<String> differences = new ArrayList<>();
    for (int[] range : new int[][] {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}}) {
      for (int cp = range[0]; cp <= range[1]; cp++) {
        List<String> simple = ZhConverterUtil.toSimple((char) cp);
        int expected = simple != null && !simple.isEmpty() && simple.get(0).length() == 1 ? simple.get(0).charAt(0) : cp;
        if (TraditionalChars.toSimplified(cp) != expected) {
          differences.add(Integer.toHexString(cp) + "->" + Integer.toHexString(TraditionalChars.toSimplified(cp))
              + " (opencc4j " + Integer.toHexString(expected) + ")");
        }
      }
    }
    assertEquals(List.of(), differences);
  }
}
