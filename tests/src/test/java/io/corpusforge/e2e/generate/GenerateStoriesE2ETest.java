package io.corpusforge.e2e.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.inference.Engine;
import io.corpusforge.inference.GenerationRequest;
import io.corpusforge.inference.GenerationResult;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.generate.GenerateCommand;
import io.corpusforge.jobs.generate.GenerateSettings;
import io.corpusforge.jobs.generate.prompt.CopyPlan;
import io.corpusforge.inference.spark.EngineService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generate job with a real trained model, ../shared/models/stories260K.gguf (English TinyStories, context 512):
 * the job's text equals the engine run alone, greedy and sampled; long documents go through map-reduce; product
 * copy with regeneration; prompt errors become error rows. Skipped when ../shared is absent.
 */
class GenerateStoriesE2ETest {
  static final String LILY = ", there was a little girl named Lily. She loved to play outside in the park. One day,"
      + " she saw a big, red ball.";
  static final String[] PROMPTS = {"Once upon a time", "The cat", "Lily and Tom", "One day", "She was happy",
      "The big dog", "A little bird", "Mom said", "Tim had a toy"};

  @TempDir
  static Path dir;
  static Path model;
  static Path docs;
  static Path products;
  static Path conf;

  @BeforeAll
  static void setUp() throws IOException {
    model = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize()
        .resolveSibling("shared").resolve("models/stories260K.gguf");
    assumeTrue(Files.isReadable(model), "skipped: " + model + " is absent (../shared is not part of the repo)");
    TestSpark.session();
    Files.writeString(dir.resolve("story.txt"), "# story v1: the document is the prompt\n{{text}}\n");
    Files.writeString(dir.resolve("title.txt"), "# title v1\nThe name of {{title}} is\n");
    Files.writeString(dir.resolve("points.txt"), "# points v1\n{{title}} has many good things:\n");
    conf = dir.resolve("stories.conf");
    Files.writeString(conf, """
        generate {
          chat = false
          batch-rows = 4
          engine { threads = 2, max-batch = 8, context-length = 512 }
          # greedy without penalties: what llama.cpp ran for the reference continuation in ../shared/README.md
          sampling { temperature = 0, repetition-penalty = 1.0 }
          summary { template = "%1$s/story.txt", max-chars = 10000, max-new-tokens = 40, stop = [] }
          product-copy {
            copy-types = [title, selling-points]
            types {
              title { template = "%1$s/title.txt", min-chars = 3, max-chars = 8, length-policy = regenerate,
                      max-new-tokens = 12, stop = ["."] }
              selling-points { template = "%1$s/points.txt", min-items = 1, max-items = 3, min-chars = 1,
                               max-chars = 60, max-new-tokens = 30, stop = [] }
            }
          }
        }
        """.formatted(dir.toString()));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < PROMPTS.length; i++) {
      lines.add("{\"id\":\"s" + i + "\",\"text\":\"" + PROMPTS[i] + "\"}");
    }
    StringBuilder longText = new StringBuilder();
    for (int i = 0; i < 80; i++) {
      longText.append("Tom saw a big red ball number ").append(i).append(" in the park. ");
    }
    lines.add("{\"id\":\"long\",\"text\":\"" + longText + "\"}");
    docs = dir.resolve("docs.jsonl");
    Files.write(docs, lines, StandardCharsets.UTF_8);
    products = dir.resolve("products.jsonl");
    Files.write(products, List.of("{\"id\":\"p1\",\"title\":\"the red ball\"}", "{\"id\":\"p2\",\"name\":\"Lily's cat\"}",
        "{\"id\":\"p3\",\"title\":\"a little bird\"}", "not json"), StandardCharsets.UTF_8);
  }

  static void generate(String task, Path input, Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of("--task", task, "--input", input.toString(), "--output",
        output.toString(), "--model", model.toString(), "--conf", conf.toString(), "--set",
        "generate.partitions=2"));
    args.addAll(Arrays.asList(extra));
    assertEquals(0, new GenerateCommand().run(args));
  }

  private static CopyPlan summaryPlan(String... sets) {
    return GenerateSettings.from(PipelineConfig.load(List.of(conf.toString()), List.of(sets)),
        GenerateSettings.Task.SUMMARY).plans().get(0);
  }

  @Test
  void greedyTextEqualsTheEngineAloneAndLongDocumentsAreMapReduced() {
    Path out = dir.resolve("greedy");
    generate("summary", docs, out);
    List<Row> rows = GenerateOutput.rows(out).orderBy("id").collectAsList();
    assertEquals(PROMPTS.length + 1, rows.size());
    CopyPlan plan = summaryPlan();
    try (Engine alone = Engine.load(model, new io.corpusforge.inference.EngineOptions(2, 1, 512))) {
      for (Row r : rows) {
        String id = r.getAs("id");
        assertNull(r.getAs("error"), id);
        assertEquals(alone.modelSha256(), r.getAs("model_sha256"));
        if (id.equals("long")) {
          // 80 sentences do not fit 512 tokens: chunks were summarised, then their summaries
          assertTrue((int) r.getAs("prompt_tokens") > alone.contextLength(), "prompt tokens " + r.getAs("prompt_tokens"));
          assertTrue(!((String) r.getAs("text")).isBlank());
          continue;
        }
        String prompt = PROMPTS[Integer.parseInt(id.substring(1))];
        GenerationResult expected = alone.generate(List.of(new GenerationRequest(id,
            plan.template().render(Map.of("text", prompt)), false, plan.params(), plan.seed(id, 0)))).get(0);
        assertEquals(expected.text().strip(), r.getAs("text"), id);
        assertEquals(expected.promptTokens(), (int) r.getAs("prompt_tokens"));
        assertEquals(expected.generatedTokens(), (int) r.getAs("generated_tokens"));
      }
    }
    assertEquals(LILY, rows.stream().filter(r -> r.getAs("id").equals("s0")).findFirst().orElseThrow().getAs("text"));
  }

  @Test
  void sampledTextIsDeterministicAndEqualsTheEngineAloneWithTheRowSeed() {
    String[] sampled = {"--set", "generate.sampling.temperature=0.9", "--set", "generate.sampling.top-k=20"};
    Path a = dir.resolve("sampled-a");
    Path b = dir.resolve("sampled-b");
    int enginesBefore = EngineService.loaded();
    generate("summary", docs, a, sampled);
    generate("summary", docs, b, sampled[0], sampled[1], sampled[2], sampled[3], "--set", "generate.batch-rows=3");
    assertTrue(EngineService.loaded() <= enginesBefore + 1, "one engine per JVM and settings");
    assertEquals(GenerateOutput.texts(a), GenerateOutput.texts(b));
    CopyPlan plan = summaryPlan("generate.sampling.temperature=0.9", "generate.sampling.top-k=20");
    Row s3 = GenerateOutput.rows(a).where("id = 's3'").first();
    assertEquals(plan.seed("s3", 0), (long) s3.getAs("seed"));
    try (Engine alone = Engine.load(model, new io.corpusforge.inference.EngineOptions(1, 1, 512))) {
      GenerationResult expected = alone.generate(List.of(new GenerationRequest("s3",
          plan.template().render(Map.of("text", PROMPTS[3])), false, plan.params(), plan.seed("s3", 0)))).get(0);
      assertEquals(expected.text().strip(), s3.getAs("text"));
    }
  }

  @Test
  void productCopyWithRegenerationAndErrorRows() {
    Path out = dir.resolve("copy");
    generate("product-copy", products, out);
    List<Row> rows = GenerateOutput.rows(out).collectAsList();
    assertEquals(4 * 2, rows.size()); // 3 products + 1 unreadable line, 2 copy types each
    for (Row r : rows) {
      if (((String) r.getAs("id")).startsWith("p")) {
        assertNull(r.getAs("error"), () -> r.getAs("id") + " " + r.getAs("error"));
        assertTrue(((String) r.getAs("text")).codePointCount(0, ((String) r.getAs("text")).length()) <= 60);
      } else {
        assertTrue(((String) r.getAs("error")).startsWith("input: malformed-json: "), (String) r.getAs("error"));
      }
    }
    // stories writes long sentences: titles over 8 characters were generated again, then cut
    assertTrue(rows.stream().anyMatch(r -> r.getList(r.fieldIndex("flags")).contains("regenerated")),
        rows::toString);

    // a model without a chat template cannot take chat prompts: every row is an error row, the job goes on
    Path chat = dir.resolve("chat");
    generate("product-copy", products, chat, "--set", "generate.chat=true");
    List<Row> errors = GenerateOutput.rows(chat).collectAsList();
    assertEquals(8, errors.size());
    assertTrue(errors.stream().allMatch(r -> r.getAs("text") == null && "error".equals(r.getAs("finish_reason"))));
    assertTrue(errors.stream().filter(r -> ((String) r.getAs("id")).startsWith("p"))
        .allMatch(r -> ((String) r.getAs("error")).contains("chat template")), errors.toString());
  }

  @Test
  void resumedRunEqualsAFullRunRowForRow() {
    Path full = dir.resolve("resume-full");
    Path resumed = dir.resolve("resume-partial");
    generate("summary", docs, full);
    generate("summary", docs, resumed, "--limit", "4"); // the run that was "killed" after some rows
    generate("summary", docs, resumed, "--resume");
    assertEquals(GenerateOutput.texts(full), GenerateOutput.texts(resumed));
    assertEquals(PROMPTS.length + 1, GenerateOutput.rows(resumed).count());
  }
}
