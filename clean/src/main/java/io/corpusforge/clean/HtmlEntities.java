package io.corpusforge.clean;

import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decodes HTML character references the way dirty Chinese pages actually contain them: numeric ({@code &#20013;},
 * {@code &#x4E2D;}) with or without the {@code ;}; named ones, also without {@code ;} ({@code &ldquo中}); remnants
 * whose {@code &} was lost to a bad re-encoding ({@code ?ldquo;}); and double-escaped ones ({@code &amp;nbsp;}).
 */
public final class HtmlEntities {
  /** The named references that occur in Chinese web text, beyond which pages rarely go. */
  static final Map<String, String> NAMED = Map.ofEntries(
      Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"), Map.entry("ensp", "\u2002"), Map.entry("emsp", "\u2003"),
      Map.entry("thinsp", "\u2009"), Map.entry("zwnj", "\u200C"), Map.entry("zwj", "\u200D"),
      Map.entry("lrm", "\u200E"), Map.entry("rlm", "\u200F"), Map.entry("shy", "\u00AD"),
      Map.entry("ldquo", "\u201C"), Map.entry("rdquo", "\u201D"), Map.entry("lsquo", "\u2018"),
      Map.entry("rsquo", "\u2019"), Map.entry("sbquo", "\u201A"), Map.entry("bdquo", "\u201E"),
      Map.entry("laquo", "\u00AB"), Map.entry("raquo", "\u00BB"), Map.entry("lsaquo", "\u2039"),
      Map.entry("rsaquo", "\u203A"), Map.entry("hellip", "\u2026"), Map.entry("mdash", "\u2014"),
      Map.entry("ndash", "\u2013"), Map.entry("middot", "\u00B7"), Map.entry("bull", "\u2022"),
      Map.entry("copy", "\u00A9"), Map.entry("reg", "\u00AE"), Map.entry("trade", "\u2122"),
      Map.entry("times", "\u00D7"), Map.entry("divide", "\u00F7"), Map.entry("plusmn", "\u00B1"),
      Map.entry("deg", "\u00B0"), Map.entry("yen", "\u00A5"), Map.entry("euro", "\u20AC"),
      Map.entry("pound", "\u00A3"), Map.entry("cent", "\u00A2"), Map.entry("sect", "\u00A7"),
      Map.entry("para", "\u00B6"), Map.entry("permil", "\u2030"), Map.entry("prime", "\u2032"),
      Map.entry("larr", "\u2190"), Map.entry("rarr", "\u2192"), Map.entry("uarr", "\u2191"),
      Map.entry("darr", "\u2193"), Map.entry("hearts", "\u2665"), Map.entry("star", "\u2606"),
      Map.entry("sup1", "\u00B9"), Map.entry("sup2", "\u00B2"), Map.entry("sup3", "\u00B3"),
      Map.entry("frac12", "\u00BD"), Map.entry("frac14", "\u00BC"), Map.entry("frac34", "\u00BE"),
      Map.entry("iexcl", "\u00A1"), Map.entry("iquest", "\u00BF"), Map.entry("micro", "\u00B5"),
      Map.entry("alpha", "\u03B1"), Map.entry("beta", "\u03B2"), Map.entry("gamma", "\u03B3"),
      Map.entry("delta", "\u03B4"), Map.entry("pi", "\u03C0"), Map.entry("sigma", "\u03C3"),
      Map.entry("mu", "\u03BC"), Map.entry("omega", "\u03C9"), Map.entry("le", "\u2264"),
      Map.entry("ge", "\u2265"), Map.entry("ne", "\u2260"), Map.entry("infin", "\u221E"));

  // Longest names first so that "&ldquo" is not read as "&l" + "dquo".
  private static final String NAMES = NAMED.keySet().stream()
      .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
      .collect(Collectors.joining("|"));

  private static final Pattern REFERENCE = Pattern.compile(
      "&#(\\d{1,7});?|&#[xX]([0-9a-fA-F]{1,6});?|&(" + NAMES + ")(?![a-zA-Z0-9]);?|&(" + NAMES + ");"
          + "|\\?(" + NAMES + ");");

  private HtmlEntities() {}

  /** Decodes until stable (at most three passes, enough for triple escaping). */
  public static String decode(String text) {
    String current = text;
    for (int pass = 0; pass < 3; pass++) {
      if (current.indexOf('&') < 0 && current.indexOf('?') < 0) {
        return current;
      }
      String next = decodeOnce(current);
      if (next.equals(current)) {
        return current;
      }
      current = next;
    }
    return current;
  }

  private static String decodeOnce(String text) {
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String replacement = replacement(m);
      if (replacement == null) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      out.append(text, last, m.start()).append(replacement);
      last = m.end();
    }
    if (out == null) {
      return text;
    }
    return out.append(text, last, text.length()).toString();
  }

  private static String replacement(Matcher m) {
    if (m.group(1) != null) {
      return codePoint(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      return codePoint(Long.parseLong(m.group(2), 16));
    }
    for (int g = 3; g <= 5; g++) {
      if (m.group(g) != null) {
        return NAMED.get(m.group(g));
      }
    }
    return null;
  }

  private static String codePoint(long cp) {
    if (cp <= 0 || cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return "";  // an invalid reference carries no text; dropping it beats a U+FFFD
    }
    return Character.toString((int) cp);
  }
}
