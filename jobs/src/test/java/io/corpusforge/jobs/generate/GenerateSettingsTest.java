package io.corpusforge.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.generate.prompt.CopyPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerateSettingsTest {
  @Test
  void shippedConfigBuildsBothTasks() {
    GenerateSettings copy = GenerateSettings.from(PipelineConfig.defaults(), GenerateSettings.Task.PRODUCT_COPY);
    assertEquals(List.of("title", "selling-points", "live-script"),
        copy.plans().stream().map(p -> p.spec().name()).toList());
    CopyPlan title = copy.plans().get(0);
    assertEquals(List.of("\n"), title.params().stop());
    String prompt = title.template().render(Map.of("category", "裤", "attributes", "类型：裤；版型：宽松"));
    assertTrue(prompt.contains("不超过30个字") && prompt.endsWith("类目：裤\n属性：类型：裤；版型：宽松\n标题："), prompt);
    assertTrue(!prompt.contains("{{") && !prompt.contains("品牌：{{"), prompt);
    GenerateSettings summary = GenerateSettings.from(PipelineConfig.defaults(), GenerateSettings.Task.SUMMARY);
    assertEquals("summary", summary.plans().get(0).spec().name());
    assertEquals(120, summary.plans().get(0).spec().maxChars());
  }

  @Test
  void misconfigurationIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenerateSettings.from(
        PipelineConfig.load(List.of(), List.of("generate.product-copy.copy-types=[title, slogan]")),
        GenerateSettings.Task.PRODUCT_COPY));
    assertTrue(e.getMessage().contains("'slogan'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GenerateSettings.from(
        PipelineConfig.load(List.of(), List.of("generate.checks.policy=ignore")), GenerateSettings.Task.SUMMARY));
  }

  @Test
  void paramsHashSeparatesSettings() {
    GenerateSettings a = GenerateSettings.from(PipelineConfig.defaults(), GenerateSettings.Task.SUMMARY);
    GenerateSettings b = GenerateSettings.from(
        PipelineConfig.load(List.of(), List.of("generate.sampling.temperature=0")), GenerateSettings.Task.SUMMARY);
    assertTrue(!a.plans().get(0).paramsHash().equals(b.plans().get(0).paramsHash()));
    assertEquals(a.plans().get(0).template().hash(), b.plans().get(0).template().hash());
  }
}
