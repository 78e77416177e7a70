package io.corpusforge.jobs.generate.summary;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Content words of a sentence by Lucene smartcn's HMM segmenter: lower-cased, without punctuation and without the
 * configured stop words. Holds one tokenizer, so it is not thread-safe; create one per partition (building the
 * tokenizer loads smartcn's dictionaries once per JVM, the tokenizer itself is cheap but not free).
 */
public final class ChineseWords implements AutoCloseable {
  private final HMMChineseTokenizer tokenizer = new HMMChineseTokenizer();
  private final CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
  private final Set<String> stopWords;

  public ChineseWords(Set<String> stopWords) {
    this.stopWords = Set.copyOf(stopWords);
  }

  public List<String> words(String sentence) {
    List<String> out = new ArrayList<>();
    try {
      tokenizer.setReader(new StringReader(sentence));
      tokenizer.reset();
      while (tokenizer.incrementToken()) {
        String w = term.toString().toLowerCase(java.util.Locale.ROOT);
        if (hasLetterOrDigit(w) && !stopWords.contains(w)) {
          out.add(w);
        }
      }
      tokenizer.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    } finally {
      try {
        tokenizer.close();
      } catch (IOException ignored) {
        // closing releases the reader only
      }
    }
    return out;
  }

  private static boolean hasLetterOrDigit(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (Character.isLetterOrDigit(w.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    try {
      tokenizer.close();
    } catch (IOException ignored) {
      // nothing held
    }
  }
}
