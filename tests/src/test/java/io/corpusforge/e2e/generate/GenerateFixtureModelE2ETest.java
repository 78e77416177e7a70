package io.corpusforge.e2e.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.generate.GenerateCommand;
import io.corpusforge.jobs.generate.SharedEval;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Product copy with the shipped Chinese templates and config through a random-weight Qwen3 fixture model (its text
 * is nonsense; this checks plumbing, batching, determinism and schema), and the real catalogs in ../shared.
 */
class GenerateFixtureModelE2ETest {
  @TempDir
  static Path dir;
  static Path model;
  static Path products;
  // short generations keep the test fast; everything else is the shipped configuration
  static final String[] FAST = {"--set", "generate.product-copy.types.live-script.max-new-tokens=40", "--set",
      "generate.product-copy.types.selling-points.max-new-tokens=40"};

  @BeforeAll
  static void setUp() throws IOException {
    model = LongContextFixture.withContext(LongContextFixture.fixture("qwen3-f16.gguf"), dir.resolve("qwen3.gguf"),
        4096);
    TestSpark.session();
    products = dir.resolve("products.jsonl");
    Files.write(products, List.of(
        "{\"id\":\"a1\",\"title\":\"高腰阔腿牛仔裤\",\"category\":\"牛仔裤\",\"brand\":\"某牌\",\"price\":159,"
            + "\"attributes\":{\"版型\":\"宽松\",\"材质\":\"棉\"},\"description\":\"垂感好，显瘦百搭。\"}",
        "{\"content\":\"类型#裙*材质#雪纺*风格#清新*图案#碎花*裙长#连衣裙\"}",
        "{\"sku\":\"a3\",\"name\":\"保温杯\",\"attributes\":\"容量#500ml*材质#316不锈钢\"}",
        "{\"sku\":\"a4\",\"price\":10}"), StandardCharsets.UTF_8);
  }

  static GenerateOutputRun generate(List<String> inputs, Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of("--task", "product-copy", "--output", output.toString(), "--model",
        model.toString()));
    args.add("--input");
    args.addAll(inputs);
    args.addAll(Arrays.asList(FAST));
    args.addAll(Arrays.asList(extra));
    assertEquals(0, new GenerateCommand().run(args));
    return new GenerateOutputRun(output);
  }

  record GenerateOutputRun(Path output) {
    List<Row> rows() {
      return GenerateOutput.rows(output).collectAsList();
    }
  }

  @Test
  void threeCopyTypesPerProductDeterministicAcrossBatchingAndPartitions() throws IOException {
    Path a = dir.resolve("a");
    List<Row> rows = generate(List.of(products.toString()), a).rows();
    assertEquals(4 * 3, rows.size());
    assertEquals(Set.of("title", "selling-points", "live-script"),
        rows.stream().map(r -> (String) r.getAs("copy_type")).collect(Collectors.toSet()));
    for (Row r : rows) {
      if ("a4".equals(r.getAs("id"))) {
        assertTrue(((String) r.getAs("error")).contains("no title, attributes or description"));
        continue;
      }
      assertNull(r.getAs("error"), () -> r.getAs("id") + ": " + r.getAs("error"));
      assertTrue((int) r.getAs("prompt_tokens") > 100, "the few-shot Chinese template went in");
      assertEquals(64, ((String) r.getAs("model_sha256")).length());
      assertEquals(0.8, (double) r.getAs("temperature"), 1e-12);
    }
    JsonNode report = new ObjectMapper().readTree(a.resolve("report.json").toFile());
    assertTrue(report.at("/generate/generated_tokens").asLong() > 0);
    // three copy types' templates, each repeated for every product: most prompt tokens come from the prefix cache
    assertTrue(report.at("/generate/prompt_tokens_from_prefix_cache").asLong()
        > report.at("/generate/prompt_tokens").asLong() / 2, report.toString());
    Path b = dir.resolve("b");
    generate(List.of(products.toString()), b, "--set", "generate.batch-rows=1", "--set", "generate.partitions=3",
        "--set", "generate.engine.max-batch=2", "--set", "generate.engine.prefix-cache=false");
    assertEquals(0, new ObjectMapper().readTree(b.resolve("report.json").toFile())
        .at("/generate/prompt_tokens_from_prefix_cache").asLong());
    assertEquals(GenerateOutput.texts(a), GenerateOutput.texts(b));
  }

  @Test
  void realCatalogsParseAndGenerateWithoutErrors() {
    Path advertiseGen = SharedEval.require("eval/products-advertisegen/dev.json");
    Path jd = SharedEval.require("eval/products-jd");
    // parsing of every record is covered by SharedProductsParseTest; here a few go through the whole job
    List<Row> ag = generate(List.of(advertiseGen.toString()), dir.resolve("ag"), "--limit", "6").rows();
    assertEquals(6 * 3, ag.size());
    assertTrue(ag.stream().allMatch(r -> r.getAs("error") == null), ag::toString);
    List<Row> jdRows = generate(List.of(jd.toString()), dir.resolve("jd"), "--limit", "6").rows();
    assertEquals(6 * 3, jdRows.size());
    assertTrue(jdRows.stream().allMatch(r -> r.getAs("error") == null), jdRows::toString);
  }
}
