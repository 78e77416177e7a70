package io.corpusforge.jobs.generate.summary;

import io.corpusforge.tokenization.segment.SmartcnSegmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Content words of a sentence for TextRank: the smartcn segmentation of {@link SmartcnSegmenter}, lower-cased,
 * without punctuation and without the configured stop words. Not thread-safe (one segmenter inside): one per
 * partition.
 */
public final class ChineseWords implements AutoCloseable {
  private final SmartcnSegmenter segmenter = new SmartcnSegmenter();
  private final Set<String> stopWords;

  public ChineseWords(Set<String> stopWords) {
    this.stopWords = Set.copyOf(stopWords);
  }

  public List<String> words(String sentence) {
    List<String> out = new ArrayList<>();
    for (String word : segmenter.words(sentence)) {
      String w = word.toLowerCase(Locale.ROOT);
      if (SmartcnSegmenter.isLexical(w) && !stopWords.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  @Override
  public void close() {
    segmenter.close();
  }
}
