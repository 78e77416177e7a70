package io.corpusforge.jobs.vocab;

import io.corpusforge.tokenization.bpe.BpeTokenizer;
import java.util.List;

/**
 * Tokens per gold word: each line of a gold segmentation (words separated by whitespace, e.g. SIGHAN 2005
 * {@code pku_test_gold.utf8}) is joined without the spaces, prepared like the training text, and encoded; the
 * result is how many tokens an average human-segmented word costs (1.0 = the vocabulary has the words themselves).
 */
public record GoldSegmentationEvaluation(String file, long lines, long words, long tokens) {

  public static GoldSegmentationEvaluation of(String file, BpeTokenizer tokenizer, List<String> goldLines,
      boolean nfc) {
    long lines = 0;
    long words = 0;
    long tokens = 0;
    for (String line : goldLines) {
      String stripped = line.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      String[] ws = stripped.split("\\s+");
      lines++;
      words += ws.length;
      tokens += tokenizer.encodeOrdinary(TextPreparation.prepare(String.join("", ws), nfc)).length;
    }
    return new GoldSegmentationEvaluation(file, lines, words, tokens);
  }

  public double tokensPerWord() {
    return words == 0 ? 0 : (double) tokens / words;
  }
}
