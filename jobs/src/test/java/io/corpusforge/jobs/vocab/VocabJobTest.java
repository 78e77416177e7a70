package io.corpusforge.jobs.vocab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.jobs.TestSpark;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.stage.OutputPolicy;
import io.corpusforge.jobs.stage.StageException;
import io.corpusforge.jobs.stage.StageReport;
import io.corpusforge.jobs.stage.StageRunner;
import io.corpusforge.tokenization.bpe.BpeTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocabJobTest {
  @TempDir
  static Path tmp;
  static Path out;
  static StageReport stage;
  static VocabSection report;
  static List<String> docs;

  static VocabSettings settings() {
    return VocabSettings.from(PipelineConfig.load(List.of(),
        List.of("vocab.vocab-size=500", "vocab.held-out.per-mille=200", "vocab.min-frequency=2",
            "vocab.eval.gold-segmentation=\"" + tmp.resolve("gold.txt") + "\"")));
  }

  /** The vocab stage through the skeleton, as the command runs it. */
  static StageReport run(VocabSettings settings, List<String> inputs, Path output, OutputPolicy policy)
      throws Exception {
    return StageRunner.run(TestSpark.session(), new VocabJob(inputs, settings,
        ReadOptions.of(PipelineConfig.defaults(), "vocab.input")), output.toString(), policy, PipelineConfig.defaults());
  }

  @BeforeAll
  static void runJob() throws Exception {
    SparkSession spark = TestSpark.session();
    docs = VocabCorpus.documents(300, 42);
    Files.writeString(tmp.resolve("gold.txt"), "今天  北京  的  天气  很  好\n我们  一起  去  公园  散步\n");
    Path in = VocabCorpus.writeJsonl(tmp.resolve("in"), docs);
    out = tmp.resolve("out");
    stage = run(settings(), List.of(in.toString()), out, OutputPolicy.REFUSE);
    report = (VocabSection) stage.section();
  }

  @Test
  void reportCountsDocumentsAndEvaluatesHeldOut() throws Exception {
    assertEquals(301, stage.rowsIn());
    assertEquals(Map.of("missing-text", 1L), stage.rejectedByReason());
    assertEquals(300, report.trainingDocs() + report.heldOutDocs());
    assertTrue(report.heldOutDocs() > 30 && report.heldOutDocs() < 90, "about 20% held out");
    assertEquals(500, report.vocabSize());
    System.out.print(stage.summary());
    assertTrue(report.heldOut().roundTripOk());
    assertTrue(report.heldOut().charsPerToken() > 1.5 && report.heldOut().bytesPerToken() > 3, "Chinese clauses compress: " + report.heldOut().charsPerToken());
    assertEquals(11, report.goldSegmentation().words());
    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    JsonNode section = json.get("vocab");
    assertEquals(11, section.get("gold_segmentation").get("words").asInt());
    assertEquals(500, section.get("vocab_size").asInt());
    assertTrue(section.get("longest_tokens").size() > 0);
    assertEquals(report.heldOut().tokens(), section.get("held_out").get("tokens").asLong());
    assertEquals(1, json.at("/rows/rejected").asLong());
    assertEquals("missing-text", TestSpark.session().read().parquet(out.resolve("rejected").toString())
        .select("reason").first().getString(0));
  }

  @Test
  void filesDescribeTheSameTokenizer() throws Exception {
    ObjectMapper m = new ObjectMapper();
    JsonNode hf = m.readTree(out.resolve("tokenizer.json").toFile());
    JsonNode vocabJson = m.readTree(out.resolve("vocab.json").toFile());
    String[] tokens = new String[vocabJson.size()];
    vocabJson.properties().forEach(e -> tokens[e.getValue().asInt()] = e.getKey());
    List<String> merges = Files.readAllLines(out.resolve("merges.txt"), StandardCharsets.UTF_8);
    assertEquals("#version: 0.2", merges.get(0));
    merges = merges.subList(1, merges.size());
    List<String> hfMerges = new ArrayList<>();
    hf.get("model").get("merges").forEach(n -> hfMerges.add(n.asText()));
    assertEquals(merges, hfMerges);
    assertEquals(497, hf.get("model").get("vocab").size()); // specials are added tokens
    assertEquals(3, hf.get("added_tokens").size());
    assertEquals(499, hf.get("added_tokens").get(2).get("id").asInt());

    BpeTokenizer fromFiles = BpeTokenizer.of(Arrays.asList(tokens), merges, "qwen2",
        settings().specialTokens());
    try (GgufFile g = GgufFile.open(out.resolve("tokenizer.gguf"))) {
      assertEquals("gpt2", g.getString("tokenizer.ggml.model"));
      assertEquals("qwen2", g.getString("tokenizer.ggml.pre"));
      assertEquals(497, g.getInt("tokenizer.ggml.eos_token_id"));
      BpeTokenizer fromGguf = BpeTokenizer.fromGguf(Arrays.asList(g.getArray("tokenizer.ggml.tokens").strings()),
          Arrays.asList(g.getArray("tokenizer.ggml.merges").strings()), g.getString("tokenizer.ggml.pre"),
          g.getArray("tokenizer.ggml.token_type").ints());
      for (String s : List.of(docs.get(0), "今天天气很好<|im_end|>", "price 12345 😀")) {
        assertArrayEquals(fromFiles.encode(s), fromGguf.encode(s));
        assertEquals(s, fromGguf.decode(fromGguf.encode(s)));
      }
      assertEquals(499, fromGguf.encode("<|im_end|>")[0]);
    }
  }

  @Test
  void wordStatisticsAreCountedFromOriginalText() {
    List<Row> rows = TestSpark.session().read().parquet(out.resolve("words").toString()).collectAsList();
    assertTrue(rows.size() > 20);
    Row top = rows.get(0);
    assertTrue(top.getLong(1) >= rows.get(1).getLong(1), "sorted by count");
    assertTrue(rows.stream().allMatch(r -> r.getLong(2) <= r.getLong(1) && r.getLong(2) <= 300));
    assertTrue(rows.stream().anyMatch(r -> r.getString(0).equals("北京")), "smartcn word 北京");
    assertTrue(rows.stream().noneMatch(r -> r.getString(0).equals("，")), "punctuation is not a word");
    assertTrue(rows.stream().anyMatch(r -> r.getString(0).contains("ＡＢＣ")), "full-width kept as written");
  }

  @Test
  void prunesToMaxDistinctPreTokensMostFrequentFirst() throws Exception {
    VocabSettings pruned = VocabSettings.from(PipelineConfig.load(List.of(), List.of("vocab.vocab-size=400",
        "vocab.held-out.per-mille=200", "vocab.pre-tokens.max-distinct=30", "vocab.words.enabled=false")));
    VocabSection r = (VocabSection) run(pruned, List.of(tmp.resolve("in").toString()), tmp.resolve("pruned"),
        OutputPolicy.REFUSE).section();
    assertEquals(30, r.preTokens().kept());
    assertEquals(report.preTokens().distinct(), r.preTokens().distinct());
    assertTrue(r.preTokens().pruning().startsWith("kept the 30 most frequent of "), r.preTokens().pruning());
    assertTrue(r.preTokens().keptOccurrences() < r.preTokens().occurrences());
    assertTrue(r.heldOut().roundTripOk());
    assertEquals(0, r.distinctWords());
  }

  @Test
  void pruningOrderIsCountThenAFixedHash() {
    PreTokenOrder order = new PreTokenOrder();
    List<scala.Tuple2<String, Long>> l = new ArrayList<>(List.of(new scala.Tuple2<>("a", 1L),
        new scala.Tuple2<>("b", 5L), new scala.Tuple2<>("c", 1L), new scala.Tuple2<>("d", 3L)));
    l.sort(order);
    assertEquals("b", l.get(0)._1());
    assertEquals("d", l.get(1)._1());
    // the two count-1 entries are ordered by the hash, identically on every run
    assertEquals(Long.compare(PreTokenOrder.mix("a"), PreTokenOrder.mix("c")) < 0 ? "a" : "c", l.get(2)._1());
  }

  @Test
  void existingOutputNeedsOverwrite() {
    assertThrows(StageException.class,
        () -> run(settings(), List.of(tmp.resolve("in").toString()), out, OutputPolicy.REFUSE));
  }

  @Test
  void heldOutSplitDependsOnlyOnTheId() {
    int held = 0;
    for (int i = 0; i < 10000; i++) {
      if (HeldOutSplit.isHeldOut("doc-" + i, 20)) {
        held++;
      }
    }
    assertTrue(held > 150 && held < 250, "about 2%: " + held);
    assertEquals(HeldOutSplit.isHeldOut("abc", 500), HeldOutSplit.isHeldOut("abc", 500));
    assertTrue(!HeldOutSplit.isHeldOut("abc", 0));
  }
}
