package io.corpusforge.tokenization.segment;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Chinese word segmentation with Lucene smartcn's {@link HMMChineseTokenizer} (hidden Markov model over a
 * word/bigram dictionary), returning words cut from the ORIGINAL text by the tokenizer's offsets: its term text is
 * lossy (full-width letters and digits are folded to half-width, Latin is lower-cased).
 *
 * <p>Not thread-safe: one instance per thread or Spark partition. The dictionaries are loaded once per JVM on first
 * use (about 1.3 s), the tokenizer instance is reused across documents.
 */
public final class SmartcnSegmenter implements AutoCloseable {
    private final HMMChineseTokenizer tokenizer = new HMMChineseTokenizer();
    private final OffsetAttribute offsets = tokenizer.addAttribute(OffsetAttribute.class);

    /** The words of {@code text} in order, as substrings of it. Whitespace never forms a word. */
    public List<String> words(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try {
            tokenizer.setReader(new StringReader(text));
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                int start = offsets.startOffset();
                int end = offsets.endOffset();
                if (start >= 0 && end <= text.length() && start < end) {
                    String w = text.substring(start, end);
                    if (!w.isBlank()) {
                        out.add(w);
                    }
                }
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not throw; kept for the checked signature
        } finally {
            try {
                tokenizer.close();
            } catch (IOException ignored) {
                // closing a StringReader cannot fail
            }
        }
        return out;
    }

    /** True when the word has at least one letter or digit (punctuation-only tokens are not counted as words). */
    public static boolean isLexical(String word) {
        return word.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    @Override
    public void close() {
        // nothing beyond the per-call close; present so callers can use try-with-resources per partition
    }
}
