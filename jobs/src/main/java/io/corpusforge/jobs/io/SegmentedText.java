package io.corpusforge.jobs.io;

/**
 * Undoes word segmentation by spaces, as in the JD corpus ("家庭影院 声道 杜比 ， 挑战 更薄"): a space goes when
 * either neighbour is a Chinese character or full-width punctuation, and stays between two Latin words or numbers
 * ("SAS 智能" becomes "SAS智能", "Wi Fi" stays).
 */
public final class SegmentedText {
  private SegmentedText() {}

  public static String join(String text) {
    if (text == null) {
      return null;
    }
    String s = text.strip();
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        char prev = sb.isEmpty() ? ' ' : sb.charAt(sb.length() - 1);
        int j = i;
        while (j < s.length() && s.charAt(j) == ' ') {
          j++;
        }
        char next = j < s.length() ? s.charAt(j) : ' ';
        if (!isWide(prev) && !isWide(next)) {
          sb.append(' ');
        }
        i = j - 1;
        continue;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  private static boolean isWide(char c) {
    Character.UnicodeScript script = Character.UnicodeScript.of(c);
    if (script == Character.UnicodeScript.HAN) {
      return true;
    }
    Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
    return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
        || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
        || block == Character.UnicodeBlock.GENERAL_PUNCTUATION;
  }
}
