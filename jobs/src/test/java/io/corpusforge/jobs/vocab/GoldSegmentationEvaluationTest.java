package io.corpusforge.jobs.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.corpusforge.tokenization.bpe.BpeTokenizer;
import io.corpusforge.tokenization.bpe.BpeTrainer;
import io.corpusforge.tokenization.bpe.PreTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldSegmentationEvaluationTest {

  static BpeTokenizer train(List<String> docs, int vocabSize) {
    Map<String, Long> counts = new HashMap<>();
    for (String d : docs) {
      PreTokenizer.QWEN2.split(d).forEach(p -> counts.merge(p, 1L, Long::sum));
    }
    List<BpeTrainer.WordCount> words = new ArrayList<>();
    counts.forEach((w, c) -> words.add(new BpeTrainer.WordCount(w, c)));
    return new BpeTrainer(new BpeTrainer.Config(vocabSize, 2, List.of("<|endoftext|>"), 48)).train(words)
        .tokenizer("qwen2");
  }

  @Test
  void countsGoldWordsAndTheTokensOfTheJoinedText() {
    BpeTokenizer t = train(List.of("今天天气很好", "今天天气很好", "天气很好"), 300);
    List<String> gold = List.of("今天  天气  很  好", "", "  天气 很好  ");
    GoldSegmentationEvaluation e = GoldSegmentationEvaluation.of("gold.txt", t, gold, true);
    assertEquals(2, e.lines());
    assertEquals(6, e.words());
    assertEquals(t.encodeOrdinary("今天天气很好").length + t.encodeOrdinary("天气很好").length, e.tokens());
    assertEquals((double) e.tokens() / 6, e.tokensPerWord());
  }

  /** SIGHAN 2005 PKU gold words with a vocabulary trained on other shared Chinese text; skipped without ../shared. */
  @Test
  void sighanPkuTokensPerGoldWord() throws Exception {
    Path root = TokenizerCompatibilityTest.projectRoot();
    Path shared = root == null ? null : root.resolveSibling("shared").resolve("eval");
    assumeTrue(shared != null && Files.isRegularFile(shared.resolve("segmentation-sighan2005/pku_test_gold.utf8"))
        && Files.isRegularFile(shared.resolve("summaries-lcsts/test.tsv")), "../shared/eval is not available");
    List<String> docs = Files.readAllLines(shared.resolve("summaries-lcsts/test.tsv"), StandardCharsets.UTF_8);
    BpeTokenizer t = train(docs, 4000);
    List<String> gold = Files.readAllLines(shared.resolve("segmentation-sighan2005/pku_test_gold.utf8"),
        StandardCharsets.UTF_8);
    GoldSegmentationEvaluation e = GoldSegmentationEvaluation.of("pku_test_gold.utf8", t, gold, true);
    System.out.printf("SIGHAN 2005 PKU test: %d words, %.3f tokens per gold word (vocab 4000 trained on LCSTS test)%n",
        e.words(), e.tokensPerWord());
    assertTrue(e.words() > 100_000, "the PKU test set has about 104k words");
    // a 4000-token byte-level vocabulary covers the common characters; rare ones cost 2-3 byte tokens
    assertTrue(e.tokensPerWord() > 1.0 && e.tokensPerWord() < 2.5, "tokens/word " + e.tokensPerWord());
  }
}
