package io.corpusforge.jobs.generate.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Chinese text into sentences at 。！？；…, their ASCII forms (when the ASCII mark is not inside a number or
 * an English word), and line breaks. The closing marks and quotes that follow a terminator stay with its sentence,
 * so concatenating the sentences gives back the text minus surrounding whitespace.
 */
public final class SentenceSplitter {
  private SentenceSplitter() {}

  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    int start = 0;
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        add(out, text, start, i);
        start = i + 1;
        i++;
        continue;
      }
      if (isTerminator(text, i)) {
        int end = i + 1;
        // runs of terminators ("！？", "……") and closing quotes/brackets belong to the same sentence
        while (end < n && (isTerminator(text, end) || isCloser(text.charAt(end)))) {
          end++;
        }
        add(out, text, start, end);
        start = end;
        i = end;
        continue;
      }
      i++;
    }
    add(out, text, start, n);
    return out;
  }

  public static boolean isTerminator(String text, int i) {
    char c = text.charAt(i);
    switch (c) {
      case '。', '！', '？', '；', '…', '｡' -> {
        return true;
      }
      case '!', '?', ';', '.' -> {
        // ASCII marks end a sentence only in Chinese context: "3.5", "e.g." and "Mr. Li" are not ends
        char prev = i > 0 ? text.charAt(i - 1) : ' ';
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        if (c == '.' && (isAsciiAlnum(prev) || isAsciiAlnum(next))) {
          return false;
        }
        return isCjk(prev) || isCloser(prev) || isCjk(next) || Character.isWhitespace(next) || i + 1 == text.length();
      }
      default -> {
        return false;
      }
    }
  }

  /** Closing quotes and brackets: they stay with the sentence they close. */
  public static boolean isCloser(char c) {
    return c == '”' || c == '’' || c == '」' || c == '』' || c == '）' || c == ')' || c == '》' || c == '"'
        || c == '\'';
  }

  private static boolean isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  public static boolean isCjk(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  private static void add(List<String> out, String text, int from, int to) {
    String s = text.substring(from, to).strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
