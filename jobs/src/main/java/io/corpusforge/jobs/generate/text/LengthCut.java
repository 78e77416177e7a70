package io.corpusforge.jobs.generate.text;

/**
 * Cuts text to at most N characters (Unicode code points, what a reader counts) at the best boundary available:
 * the end of the last whole sentence that fits, else the last clause mark (，、：,), else exactly N characters.
 */
public final class LengthCut {
  private LengthCut() {}

  public static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  /** The result and how it was cut. */
  public record Cut(String text, Boundary boundary) {}

  public enum Boundary {
    /** the text already fitted */
    NONE,
    SENTENCE,
    CLAUSE,
    HARD
  }

  public static Cut cut(String text, int maxChars) {
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars must be positive, got " + maxChars);
    }
    String s = text.strip();
    if (length(s) <= maxChars) {
      return new Cut(s, Boundary.NONE);
    }
    int limit = s.offsetByCodePoints(0, maxChars); // char index just past the allowed prefix
    int sentenceEnd = -1;
    int clauseEnd = -1;
    for (int i = 0; i < limit; i++) {
      if (SentenceSplitter.isTerminator(s, i)) {
        int end = i + 1;
        while (end < limit && SentenceSplitter.isCloser(s.charAt(end))) {
          end++;
        }
        sentenceEnd = end;
      } else if (isClauseMark(s.charAt(i))) {
        clauseEnd = i; // the clause mark itself is dropped: a text ending in "，" reads as cut off
      }
    }
    if (sentenceEnd > 0) {
      return new Cut(s.substring(0, sentenceEnd).strip(), Boundary.SENTENCE);
    }
    if (clauseEnd > 0) {
      return new Cut(s.substring(0, clauseEnd).strip(), Boundary.CLAUSE);
    }
    return new Cut(s.substring(0, limit), Boundary.HARD);
  }

  private static boolean isClauseMark(char c) {
    return c == '，' || c == '、' || c == '：' || c == ',' || c == ':' || c == ' ' || c == '\n';
  }
}
