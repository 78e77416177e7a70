package io.corpusforge.clean;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in kept text by typed placeholders ({@code <PHONE>}, {@code <ID_CARD>} …). Numbers are
 * validated where the format allows it (ID checksum and birth date, bank-card Luhn), so order numbers and prices
 * stay. Types run in the order given; ID cards go before bank cards and phones, whose digit runs they contain.
 */
public final class PiiMasker implements Serializable {
  /** The kinds of personal data recognised. */
  public enum Type {
    ID_CARD(null,
        "(?<![0-9A-Za-z])[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx](?![0-9A-Za-z])"),
    // the printed layouts 4-4-4-4 and 4-4-4-4-3 (16 and 19 digits), or 13-19 digits in one run; Luhn-checked
    BANK_CARD(null, "(?<![0-9A-Za-z])(?:[3-6]\\d{3}(?:[ -]\\d{4}){3}(?:[ -]\\d{3})?|[3-6]\\d{12,18})(?![0-9A-Za-z])"),
    PHONE(null, "(?<![0-9A-Za-z])(?:(?:\\+|00)?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}(?![0-9A-Za-z])"),
    LANDLINE(null,
        "(?<![0-9A-Za-z])(?:\\(0\\d{2,3}\\)|（0\\d{2,3}）|0\\d{2,3}-)[2-9]\\d{6,7}(?:-\\d{1,4})?(?![0-9A-Za-z])"),
    EMAIL('@',
        "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,10}"),
    // QQ numbers only in context: a bare 5-11 digit number is far more often not one. Group 1 is what is masked.
    QQ(null, "(?i)(?:qq|扣扣|企鹅号|q号)(?:号码|号)?\\s{0,2}[:：]?\\s{0,2}([1-9]\\d{4,10})(?!\\d)");

    final Pattern pattern;
    // Where a match can start, and a character every match contains: matching is only tried there, which is
    // much cheaper than a regex scan (these patterns open with a look-behind).
    final CharScan.Set starts;
    final Character requires;

    Type(Character requires, String regex) {
      this.pattern = Pattern.compile(regex);
      this.starts = CharScan.startChars(pattern);
      this.requires = requires;
    }

    public String placeholder() {
      return "<" + name() + ">";
    }
  }

  private final List<Type> types;

  public PiiMasker(List<Type> types) {
    this.types = List.copyOf(types);
  }

  /** The masked text and how many of each type were masked. */
  public record Masked(String text, Map<Type, Long> counts) {}

  public Masked mask(String text) {
    Map<Type, Long> counts = new EnumMap<>(Type.class);
    String s = text;
    for (Type type : types) {
      if (type.requires != null && s.indexOf(type.requires) < 0) {
        continue;
      }
      Matcher m = type.pattern.matcher(s).useTransparentBounds(true).useAnchoringBounds(false);
      StringBuilder out = null;
      int last = 0;
      int i = 0;
      while (CharScan.findFrom(m, s, i, type.starts)) {
        // a pattern with a group masks only the group (the context that identified it stays)
        int g = m.groupCount() >= 1 ? 1 : 0;
        if (!valid(type, m.group(g))) {
          i = m.regionStart() + 1;
          continue;
        }
        if (out == null) {
          out = new StringBuilder(s.length());
        }
        out.append(s, last, m.start(g)).append(type.placeholder());
        last = m.end(g);
        i = m.end();
        counts.merge(type, 1L, Long::sum);
      }
      if (out != null) {
        s = out.append(s, last, s.length()).toString();
      }
    }
    return new Masked(s, counts);
  }

  private static boolean valid(Type type, String match) {
    return switch (type) {
      case ID_CARD -> idCardChecksumValid(match);
      case BANK_CARD -> luhnValid(match.replaceAll("[ -]", ""));
      default -> true;
    };
  }

  /** GB 11643-1999 check digit of an 18-character resident ID number. */
  public static boolean idCardChecksumValid(String id) {
    if (id.length() != 18) {
      return false;
    }
    int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    char[] checks = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      sum += (c - '0') * weights[i];
    }
    return Character.toUpperCase(id.charAt(17)) == checks[sum % 11];
  }

  /** The Luhn check every bank card number passes. */
  public static boolean luhnValid(String digits) {
    if (digits.length() < 13 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** As a chain rule: counts go to the report as {@code pii.PHONE} etc. */
  public Rule asRule(String name) {
    PiiMasker masker = this;
    return new Rule() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public RuleResult apply(String text) {
        Masked m = masker.mask(text);
        if (m.counts().isEmpty()) {
          return RuleResult.KEEP;
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        m.counts().forEach((t, c) -> counts.put(t.name(), c));
        return new RuleResult.Edit(m.text(), counts);
      }
    };
  }
}
