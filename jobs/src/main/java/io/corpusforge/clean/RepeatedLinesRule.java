package io.corpusforge.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops a line or paragraph that repeats an earlier one in the same document (the first stays). Lines compare
 * after removing whitespace, so a copy that only differs in spacing counts as a repeat; blank lines are kept as
 * paragraph breaks.
 */
public record RepeatedLinesRule(String name, int minChars) implements Rule {
  @Override
  public RuleResult apply(String text) {
    String[] lines = text.split("\n", -1);
    Set<String> seen = new HashSet<>();
    List<String> kept = new ArrayList<>(lines.length);
    long removed = 0;
    for (String line : lines) {
      String key = TextMetrics.withoutWhitespace(line);
      if (key.length() >= minChars && !seen.add(key)) {
        removed++;
      } else {
        kept.add(line);
      }
    }
    return removed == 0 ? RuleResult.KEEP
        : new RuleResult.Edit(Normalizers.WHITESPACE.rewrite(String.join("\n", kept)), Map.of("lines", removed));
  }
}
