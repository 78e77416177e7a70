package io.corpusforge.jobs.generate.summary;

import io.corpusforge.jobs.generate.text.LengthCut;
import io.corpusforge.jobs.generate.text.SentenceSplitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Extractive summary: the highest-TextRank sentences that fit in {@code maxChars}, in document order. When not even
 * the best sentence fits, it is cut at a clause boundary. Not thread-safe (holds a segmenter); one per partition.
 */
public final class ExtractiveSummarizer {
  private final ChineseWords words;
  private final TextRank textRank;

  public ExtractiveSummarizer(ChineseWords words, TextRank textRank) {
    this.words = words;
    this.textRank = textRank;
  }

  public String summarize(String text, int maxChars) {
    List<String> sentences = SentenceSplitter.split(text);
    if (sentences.isEmpty()) {
      return "";
    }
    List<List<String>> wordLists = sentences.stream().map(words::words).toList();
    double[] score = textRank.scores(wordLists);
    // best first; ties go to the earlier sentence so the result is stable
    List<Integer> ranked = IntStream.range(0, sentences.size()).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i))
        .toList();
    boolean[] chosen = new boolean[sentences.size()];
    int used = 0;
    double isolated = textRank.isolatedScore();
    for (int i : ranked) {
      int len = LengthCut.length(sentences.get(i));
      // a sentence sharing no word with any other is off-topic filler: used only when it is the best there is
      boolean offTopic = score[i] <= isolated + 1e-12 && used > 0;
      if (!offTopic && used + len <= maxChars) {
        chosen[i] = true;
        used += len;
      }
    }
    if (used == 0) {
      return LengthCut.cut(sentences.get(ranked.get(0)), maxChars).text();
    }
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      if (chosen[i]) {
        picked.add(sentences.get(i));
      }
    }
    return String.join("", picked);
  }

  /** The lead baseline: the first sentences that fit, the usual yardstick for extractive summaries. */
  public static String lead(String text, int maxChars) {
    List<String> sentences = SentenceSplitter.split(text);
    if (sentences.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    int used = 0;
    for (String s : sentences) {
      int len = LengthCut.length(s);
      if (used + len > maxChars) {
        break;
      }
      sb.append(s);
      used += len;
    }
    return used == 0 ? LengthCut.cut(sentences.get(0), maxChars).text() : sb.toString();
  }
}
