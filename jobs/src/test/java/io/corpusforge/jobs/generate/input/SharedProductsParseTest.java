package io.corpusforge.jobs.generate.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.generate.SharedEval;
import io.corpusforge.jobs.io.InputFormat;
import io.corpusforge.jobs.io.JdCorpus;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.io.RecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The real product catalogs in ../shared parse with the shipped configuration: every record, no errors. */
class SharedProductsParseTest {
  private final RecordParser parser =
      InputSettings.parser(PipelineConfig.defaults(), RecordParser.Kind.PRODUCT);
  private final RecordReader reader = new RecordReader(parser.readOptions(
      ReadOptions.of(PipelineConfig.defaults(), "generate.input")));

  @Test
  void advertiseGen() throws IOException {
    Path file = SharedEval.require("eval/products-advertisegen/dev.json");
    assertEquals(InputFormat.JSONL, InputFormat.detect(Files.readAllBytes(file)));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    int n = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
      InputRecord r = parser.parse(reader.line(bytes, bytes.length, "dev.json:" + (n + 1)));
      assertNull(r.error(), () -> r.id() + ": " + r.error());
      assertTrue(r.field("attributes").contains("类型："), r::toString);
      n++;
    }
    assertEquals(1070, n);
  }

  @Test
  void jdCorpusFiles() throws IOException {
    Path dir = SharedEval.require("eval/products-jd");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
    }
    List<InputRecord> records = new ArrayList<>();
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (!JdCorpus.isRecordFile(name)) {
        continue;
      }
      assertEquals(InputFormat.JD, InputFormat.detect(Files.readAllBytes(f)), name);
      String partner = JdCorpus.sourcePartner(name).map(dir::resolve).filter(Files::exists)
          .map(SharedProductsParseTest::read).orElse(null);
      try (InputStream in = Files.newInputStream(f)) {
        reader.file(in, name, InputFormat.JD, () -> partner).forEachRemaining(r -> records.add(parser.parse(r)));
      }
    }
    // 51 products in the dev JSON corpus, 500 + 10 table lines
    assertEquals(51 + 500 + 10, records.size());
    for (InputRecord r : records) {
      assertNull(r.error(), () -> r.id() + ": " + r.error());
      assertTrue(!r.field("attributes").isEmpty() && !r.field("description").isEmpty(), r::toString);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
