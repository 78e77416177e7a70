package io.corpusforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliArgsTest {
  private static final java.util.Set<String> KNOWN = CommonOptions.with("input", "output", "resume");

  @Test
  void multipleValuesRunUntilTheNextOption() {
    CliArgs a = CliArgs.parse(List.of("--input", "a", "b", "--output", "o", "--resume"), KNOWN);
    assertEquals(List.of("a", "b"), a.all("input"));
    assertEquals("o", a.required("output"));
    assertTrue(a.has("resume"));
  }

  @Test
  void setKeepsItsEqualsSignAndRepeats() {
    CliArgs a = CliArgs.parse(List.of("--set", "x.y=1", "--set", "z=\"a b\""), KNOWN);
    assertEquals(List.of("x.y=1", "z=\"a b\""), a.all("set"));
  }

  @Test
  void inlineValueWithEquals() {
    assertEquals("o", CliArgs.parse(List.of("--output=o"), KNOWN).required("output"));
  }

  @Test
  void unknownOptionAndStrayArgumentAreErrors() {
    assertThrows(CliArgs.UsageException.class, () -> CliArgs.parse(List.of("--inptu", "x"), KNOWN));
    assertThrows(CliArgs.UsageException.class, () -> CliArgs.parse(List.of("x"), KNOWN));
    assertThrows(CliArgs.UsageException.class, () -> CliArgs.parse(List.of(), KNOWN).required("output"));
  }

  @Test
  void configLayersApplyInOrder() {
    var c = PipelineConfig.load(List.of(), List.of("clean.min-chinese-chars.min=40", "clean.min-chinese-chars.min=50",
        "clean.pii.types=[PHONE, EMAIL]"));
    assertEquals(50, c.getInt("clean.min-chinese-chars.min"));
    assertEquals(List.of("PHONE", "EMAIL"), c.getStringList("clean.pii.types"));
  }

  @Test
  void setOfAnUnknownKeyIsAnErrorNamingTheKnownOnes() {
    var e = assertThrows(CliArgs.UsageException.class,
        () -> PipelineConfig.load(List.of(), List.of("clean.min-chinese-char.min=50")));
    assertTrue(e.getMessage().contains("min-chinese-chars"), e.getMessage());
  }
}
