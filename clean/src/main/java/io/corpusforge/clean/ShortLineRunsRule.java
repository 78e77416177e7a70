package io.corpusforge.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Removes runs of very short lines: what is left of menus, tag clouds and category bars ("新闻 / 科技 / 生活 / 论坛",
 * one per line) once the markup is gone. A line counts as short when it has at most {@code maxChars} characters
 * and no sentence punctuation; only runs of at least {@code minRun} such lines go, so a short heading stays.
 */
public record ShortLineRunsRule(String name, int maxChars, int minRun) implements Rule {
  @Override
  public RuleResult apply(String text) {
    String[] lines = text.split("\n", -1);
    boolean[] drop = new boolean[lines.length];
    int runStart = -1;
    int runLength = 0;
    long removed = 0;
    for (int i = 0; i <= lines.length; i++) {
      String t = i < lines.length ? lines[i].strip() : null;
      if (t != null && t.isEmpty()) {
        continue;  // blank lines neither break nor extend a run
      }
      if (t != null && isShort(t)) {
        if (runLength == 0) {
          runStart = i;
        }
        runLength++;
        continue;
      }
      if (runLength >= minRun) {
        for (int j = runStart; j < i; j++) {
          if (!lines[j].isBlank()) {
            drop[j] = true;
            removed++;
          }
        }
      }
      runLength = 0;
    }
    if (removed == 0) {
      return RuleResult.KEEP;
    }
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      if (!drop[i]) {
        kept.add(lines[i]);
      }
    }
    return new RuleResult.Edit(Normalizers.WHITESPACE.rewrite(String.join("\n", kept)), Map.of("lines", removed));
  }

  private boolean isShort(String line) {
    if (line.codePointCount(0, line.length()) > maxChars) {
      return false;
    }
    for (int i = 0; i < line.length(); i++) {
      if ("。！？；，…!?;".indexOf(line.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }
}
