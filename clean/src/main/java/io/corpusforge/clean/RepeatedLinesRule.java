package io.corpusforge.clean;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drops a line or paragraph that repeats an earlier one in the same document (the first stays); lines compare
 * after removing whitespace. It is also Gopher's duplicate-line filter: when the repeats hold more than
 * {@code rejectDocAboveShare} of the document's characters, the page is a template or a scrape loop, and it is
 * rejected instead of repaired.
 */
public record RepeatedLinesRule(String name, int minChars, double rejectDocAboveShare) implements Rule {
  @Override
  public RuleResult apply(String text) {
    String[] lines = text.split("\n", -1);
    Set<String> seen = new HashSet<>();
    List<String> kept = new ArrayList<>(lines.length);
    long removed = 0;
    long removedChars = 0;
    long totalChars = 0;
    for (String line : lines) {
      String key = TextMetrics.withoutWhitespace(line);
      totalChars += key.length();
      if (key.length() >= minChars && !seen.add(key)) {
        removed++;
        removedChars += key.length();
      } else {
        kept.add(line);
      }
    }
    if (removed == 0) {
      return RuleResult.KEEP;
    }
    double share = (double) removedChars / totalChars;
    if (share > rejectDocAboveShare) {
      return new RuleResult.Drop(share, removed + " repeated lines");
    }
    return new RuleResult.Edit(Normalizers.WHITESPACE.rewrite(String.join("\n", kept)),
        Map.of("lines", removed, "chars", removedChars));
  }
}
