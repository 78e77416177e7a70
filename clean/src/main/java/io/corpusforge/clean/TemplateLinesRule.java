package io.corpusforge.clean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lines stamped from one template inside a document: at least {@code minLines} different lines that begin with the
 * same {@code prefixChars} non-space characters ("by admin Posted in 世界杯直播 Tagged 打入, 那不勒斯", "… Tagged 切尔西,
 * 德布劳内"). A page's own text does not start line after line with the same long opening; a list's per-entry meta
 * line does. All of them go, the first too (exact repeats are {@link RepeatedLinesRule}'s). A line stays when what
 * it fills in is longer than the opening all of its group share (a product's name opening long lines) or when it ends
 * a sentence (criteria worded alike, "评委将重点关注…。").
 */
public record TemplateLinesRule(String name, int prefixChars, int minLines) implements Rule {
  @Override
  public RuleResult apply(String text) {
    String[] lines = text.split("\n", -1);
    String[] compact = new String[lines.length];
    String[] opening = new String[lines.length];
    Map<String, Set<String>> groups = new HashMap<>();
    for (int i = 0; i < lines.length; i++) {
      compact[i] = TextMetrics.withoutWhitespace(lines[i]);
      if (compact[i].length() > prefixChars) {
        opening[i] = compact[i].substring(0, prefixChars);
        groups.computeIfAbsent(opening[i], k -> new HashSet<>()).add(compact[i]);
      }
    }
    Map<String, Integer> template = new HashMap<>();
    groups.forEach((start, group) -> {
      if (group.size() >= minLines) {
        template.put(start, commonPrefixLength(group));
      }
    });
    if (template.isEmpty()) {
      return RuleResult.KEEP;
    }
    List<String> kept = new ArrayList<>(lines.length);
    long removed = 0;
    for (int i = 0; i < lines.length; i++) {
      Integer shared = opening[i] == null ? null : template.get(opening[i]);
      if (shared != null && isFilledIn(compact[i], shared)) {
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

  private static int commonPrefixLength(Set<String> group) {
    String first = group.iterator().next();
    int length = first.length();
    for (String line : group) {
      int k = 0;
      while (k < length && k < line.length() && line.charAt(k) == first.charAt(k)) {
        k++;
      }
      length = k;
    }
    return length;
  }

  /** Filled in with less than the shared opening, and no sentence. */
  private static boolean isFilledIn(String compact, int shared) {
    char last = compact.charAt(compact.length() - 1);
    return compact.length() - shared <= shared && "。！？!?；;".indexOf(last) < 0;
  }
}
