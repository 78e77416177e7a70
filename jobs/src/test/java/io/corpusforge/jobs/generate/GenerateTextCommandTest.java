package io.corpusforge.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.cli.Pipeline;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/pipeline generate-text on a fixture model of udf-inference (no Spark involved). */
class GenerateTextCommandTest {
  static final Path FIXTURE = Path.of(System.getProperty("project.root", ".."))
      .resolve("udf-inference/src/test/resources/engine-fixtures/qwen3-f16.gguf");

  record Run(int code, String out, String err) {}

  static Run run(String... args) throws Exception {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Pipeline.run(args, System.out, System.err);
      return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void streamsAGreedyContinuationAndASummary() throws Exception {
    Run a = run("generate-text", "--model", FIXTURE.toString(), "--prompt", "今天天气很好", "--temperature", "0",
        "--max-tokens", "8", "--threads", "2");
    assertEquals(0, a.code, a.err);
    assertTrue(a.err.contains("8 generated") && a.err.contains("finish: length"), a.err);
    Run b = run("generate-text", "--model", FIXTURE.toString(), "--prompt", "今天天气很好", "--temperature", "0",
        "--max-tokens", "8", "--threads", "1");
    assertEquals(a.out, b.out);
    assertTrue(a.out.length() > 1);
  }

  @Test
  void sameSeedSameTextInChatMode() throws Exception {
    String[] args = {"generate-text", "--model", FIXTURE.toString(), "--prompt", "hi", "--chat", "--seed", "3",
        "--max-tokens", "10", "--temperature", "1.0"};
    Run a = run(args);
    Run b = run(args);
    assertEquals(0, a.code, a.err);
    assertEquals(a.out, b.out);
  }

  @Test
  void badModelFileIsOneClearLine(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.gguf");
    Files.write(bad, Files.readAllBytes(FIXTURE), java.nio.file.StandardOpenOption.CREATE);
    byte[] bytes = Files.readAllBytes(bad);
    Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Run r = run("generate-text", "--model", bad.toString(), "--prompt", "x");
    assertEquals(1, r.code);
    String[] lines = r.err.strip().split("\n");
    assertEquals(1, lines.length, r.err);
    assertTrue(lines[0].startsWith("generate-text: cannot load model: ") && lines[0].contains("truncated"), r.err);
  }

  @Test
  void badOptionsAreUsageErrors() throws Exception {
    Run r = run("generate-text", "--model", FIXTURE.toString(), "--prompt", "x", "--max-tokens", "-3");
    assertEquals(2, r.code);
    assertTrue(r.err.contains("maxNewTokens must be >= 0"), r.err);
  }
}
