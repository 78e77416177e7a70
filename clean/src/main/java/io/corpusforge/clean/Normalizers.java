package io.corpusforge.clean;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The small text normalizations of the chain, each a pure {@link TextRewrite}. */
public final class Normalizers {
  private Normalizers() {}

  /**
   * Unicode NFC. Not NFKC: NFKC maps Chinese full-width punctuation (，：？) to ASCII, which changes the text's
   * typography and hurts Chinese tokenizers.
   */
  public static final TextRewrite NFC = text ->
      Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);

  /** Full-width ASCII letters and digits (ＡＢＣ１２３) to half-width; the extra characters given too. */
  public static TextRewrite fullwidthToHalfwidth(String extraChars) {
    boolean[] extra = new boolean[0x10000];
    extraChars.chars().forEach(c -> extra[c] = true);
    return text -> {
      char[] chars = null;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean alnum = (c >= '０' && c <= '９') || (c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ');
        if (alnum || (c >= 0xFF01 && c <= 0xFF5E && extra[c])) {
          if (chars == null) {
            chars = text.toCharArray();
          }
          chars[i] = (char) (c - 0xFEE0);
        }
      }
      return chars == null ? text : new String(chars);
    };
  }

  /**
   * Traditional to simplified Chinese with OpenCC's phrase and character tables (opencc4j). Text without a
   * traditional character is returned untouched, which keeps the common case cheap.
   */
  public static final TextRewrite TRADITIONAL_TO_SIMPLIFIED = text ->
      TraditionalChars.anyIn(text) ? ZhConverterUtil.toSimple(text) : text;

  private static final Pattern INVISIBLE = Pattern.compile(
      "[\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF\\u00AD\\u0000-\\u0008\\u000B\\u000C"
          + "\\u000E-\\u001F\\u007F-\\u009F\\uFFF9-\\uFFFB]");

  private static final CharScan.Set INVISIBLE_SET =
      CharScan.set(c -> INVISIBLE.matcher(String.valueOf((char) c)).matches());

  /** Zero-width, bidi and control characters (newline and tab stay; CR is handled by {@link #WHITESPACE}). */
  public static final TextRewrite INVISIBLE_CHARS = text ->
      CharScan.anyIn(text, INVISIBLE_SET) ? INVISIBLE.matcher(text).replaceAll("") : text;

  // "锟斤拷" and "烫烫烫"/"屯屯屯" are what GBK decoders make of U+FFFD bytes and of uninitialized memory.
  private static final Pattern MOJIBAKE_CJK = Pattern.compile("(?:锟斤拷)+|烫{2,}|屯{2,}|\\uFFFD+");
  // UTF-8 read as Latin-1/cp1252: a lead byte char followed by continuation-byte chars, repeated.
  private static final Pattern MOJIBAKE_LATIN = Pattern.compile(
      "(?:[\\u00C2-\\u00F4][\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC"
          + "\\u2013\\u2014\\u2018-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122]{1,3}){2,}");

  // Every mojibake pattern contains one of these characters; text without them is skipped cheaply.
  private static final CharScan.Set MOJIBAKE_TRIGGERS = CharScan.set(c -> c == '锟' || c == '烫' || c == '屯'
      || c == '\uFFFD' || (c >= 0xC2 && c <= 0xF4));

  /** Removes U+FFFD and mojibake runs; a Latin-1 run that is valid UTF-8 when re-encoded is repaired instead. */
  public static final TextRewrite MOJIBAKE = text -> {
    if (!CharScan.anyIn(text, MOJIBAKE_TRIGGERS)) {
      return text;
    }
    String s = MOJIBAKE_CJK.matcher(text).replaceAll("");
    Matcher m = MOJIBAKE_LATIN.matcher(s);
    if (!m.find()) {
      return s;
    }
    return m.replaceAll(r -> Matcher.quoteReplacement(Mojibake.repair(r.group())));
  };

  // A pinyin syllable with a tone mark or a tone digit, e.g. chuàng, chuang4; ü and v both occur.
  private static final String SYLLABLE =
      "[a-zA-Züv]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zA-Züv]*|[a-zA-Züv]+[1-5]";
  private static final Pattern PINYIN = Pattern.compile(
      "(?<=\\p{IsHan})\\s?[(（]\\s*(?:" + SYLLABLE + ")(?:[\\s'’-]+(?:" + SYLLABLE + "))*\\s*[)）]");

  /** Pinyin that sites insert after characters: 创(chuàng)始人 → 创始人. Needs a tone, so 苹果(Apple) stays. */
  public static final TextRewrite PINYIN_ANNOTATIONS = text ->
      text.indexOf('(') < 0 && text.indexOf('（') < 0 ? text : PINYIN.matcher(text).replaceAll("");

  private static final Pattern HORIZONTAL_SPACE = Pattern.compile("[\\t \\u00A0\\u1680\\u2000-\\u200A\\u202F\\u205F\\u3000]+");
  private static final Pattern SPACE_AROUND_NEWLINE = Pattern.compile(" ?\\n ?");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  /** CR/CRLF to LF; runs of spaces (incl. ideographic and no-break) to one; at most one blank line; trimmed. */
  public static final TextRewrite WHITESPACE = text -> {
    if (!needsWhitespaceWork(text)) {
      return text;
    }
    String s = text.indexOf('\r') >= 0 ? text.replace("\r\n", "\n").replace('\r', '\n') : text;
    s = HORIZONTAL_SPACE.matcher(s).replaceAll(" ");
    s = SPACE_AROUND_NEWLINE.matcher(s).replaceAll("\n");
    s = BLANK_LINES.matcher(s).replaceAll("\n\n");
    return s.strip();
  };

  // Already normal: no CR, no tab or exotic space, no double space, no space at a line edge, no 3 newlines, trimmed.
  private static boolean needsWhitespaceWork(String text) {
    int n = text.length();
    if (n == 0) {
      return false;
    }
    if (Character.isWhitespace(text.charAt(0)) || Character.isWhitespace(text.charAt(n - 1))) {
      return true;
    }
    int newlines = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        if (++newlines >= 3 || text.charAt(i - 1) == ' ' || (i + 1 < n && text.charAt(i + 1) == ' ')) {
          return true;
        }
        continue;
      }
      newlines = 0;
      if (c == ' ') {
        if (text.charAt(i + 1) == ' ') {
          return true;
        }
      } else if (c == '\t' || c == '\r' || c == '\u00A0' || c == '\u3000' || c == '\u1680' || c == '\u202F'
          || c == '\u205F' || (c >= '\u2000' && c <= '\u200A')) {
        return true;
      }
    }
    return false;
  }
}
