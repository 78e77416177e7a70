package io.corpusforge.jobs.generate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeTextTest {
  @Test
  void advertiseGenPairsWithRepeatedKeys() {
    Map<String, String> m = AttributeText.parse("类型#裙*风格#复古*风格#文艺*图案#格子*风格#复古");
    assertEquals(Map.of("类型", "裙", "风格", "复古、文艺", "图案", "格子"), m);
    assertEquals("类型：裙；风格：复古、文艺；图案：格子", AttributeText.render(m));
  }

  @Test
  void jdTabSeparatedPairsAndFlagKeys() {
    Map<String, String> m = AttributeText.parse("电机类型\t定频\t超薄\t超薄设计\t自动断电\t自动断电\t品牌\tCANDY");
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("电机类型", "定频");
    expected.put("超薄", "超薄设计");
    expected.put("自动断电", "");
    expected.put("品牌", "CANDY");
    assertEquals(expected, m);
    assertEquals("电机类型：定频；超薄：超薄设计；自动断电；品牌：CANDY", AttributeText.render(m));
  }

  @Test
  void toleratesEmptyAndMalformedPieces() {
    assertEquals(Map.of(), AttributeText.parse(""));
    assertEquals(Map.of(), AttributeText.parse(null));
    assertEquals(Map.of("类型", "裤", "宽松", ""), AttributeText.parse("类型#裤**宽松*#无键"));
  }
}
