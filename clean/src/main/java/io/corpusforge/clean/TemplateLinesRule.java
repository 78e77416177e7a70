package io.corpusforge.clean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines stamped from one template inside a document: at least {@code minLines} lines that begin with the same
 * {@code prefixChars} non-space characters and differ after them ("by admin Posted in 世界杯直播 Tagged 打入, 那不勒斯",
 * "… Tagged 切尔西, 德布劳内"). A page's own text does not start line after line with the same long opening; a list's
 * per-entry meta line does. All of them go, the first too (exact repeats are {@link RepeatedLinesRule}'s).
 */
public record TemplateLinesRule(String name, int prefixChars, int minLines) implements Rule {
  @Override
  public RuleResult apply(String text) {
    String[] lines = text.split("\n", -1);
    String[] keys = new String[lines.length];
    Map<String, Integer> count = new HashMap<>();
    Map<String, java.util.Set<String>> variants = new HashMap<>();
    for (int i = 0; i < lines.length; i++) {
      String compact = TextMetrics.withoutWhitespace(lines[i]);
      if (compact.length() > prefixChars) {
        keys[i] = compact.substring(0, prefixChars);
        count.merge(keys[i], 1, Integer::sum);
        variants.computeIfAbsent(keys[i], k -> new java.util.HashSet<>()).add(compact);
      }
    }
    // the template: what all lines of a group share from their start
    Map<String, Integer> common = new HashMap<>();
    variants.forEach((key, lines2) -> {
      String first = null;
      int lcp = Integer.MAX_VALUE;
      for (String v : lines2) {
        if (first == null) {
          first = v;
          lcp = v.length();
        } else {
          int k = 0;
          while (k < lcp && k < v.length() && v.charAt(k) == first.charAt(k)) {
            k++;
          }
          lcp = k;
        }
      }
      common.put(key, lcp);
    });
    List<String> kept = new ArrayList<>(lines.length);
    long removed = 0;
    for (int i = 0; i < lines.length; i++) {
      String key = keys[i];
      // a template fills in short values: its filled-in part is shorter than the template, and it is no sentence
      // (sentences of a text may open alike: "评委将重点关注…。"); the same full line again is a repeat, not a template
      if (key != null && count.get(key) >= minLines && variants.get(key).size() >= minLines
          && isFilledIn(TextMetrics.withoutWhitespace(lines[i]), common.get(key))) {
        removed++;
      } else {
        kept.add(lines[i]);
      }
    }
    if (removed == 0) {
      return RuleResult.KEEP;
    }
    return new RuleResult.Edit(Normalizers.WHITESPACE.rewrite(String.join("\n", kept)), Map.of("lines", removed));
  }

  private static boolean isFilledIn(String compact, int template) {
    char last = compact.charAt(compact.length() - 1);
    return compact.length() - template <= template && "。！？!?；;".indexOf(last) < 0;
  }
}
