package io.corpusforge.clean;

import java.util.Map;

/**
 * A rule that removes whole lines: subclasses mark which (by shape, position or recurrence); this class rebuilds
 * the text and counts the removed lines and characters under the rule's name ({@code <rule>.lines},
 * {@code <rule>.chars} in the report).
 */
public abstract class LineDropRule implements Rule {
  private final String name;

  protected LineDropRule(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  /**
   * @param lines the document's lines, stripped (blank lines are empty strings)
   * @param drop set {@code drop[i]} for the lines to remove; blank lines are ignored
   */
  protected abstract void mark(String[] lines, boolean[] drop, DocContext context);

  @Override
  public RuleResult apply(String text) {
    return apply(text, DocContext.NONE);
  }

  @Override
  public RuleResult apply(String text, DocContext context) {
    String[] raw = text.split("\n", -1);
    String[] lines = new String[raw.length];
    for (int i = 0; i < raw.length; i++) {
      lines[i] = raw[i].strip();
    }
    boolean[] drop = new boolean[raw.length];
    mark(lines, drop, context);
    return rebuild(raw, lines, drop);
  }

  static RuleResult rebuild(String[] raw, String[] lines, boolean[] drop) {
    long removed = 0;
    long chars = 0;
    StringBuilder kept = new StringBuilder();
    for (int i = 0; i < raw.length; i++) {
      if (drop[i] && !lines[i].isEmpty()) {
        removed++;
        chars += lines[i].length();
        continue;
      }
      if (i > 0 && !kept.isEmpty()) {
        kept.append('\n');
      }
      kept.append(raw[i]);
    }
    if (removed == 0) {
      return RuleResult.KEEP;
    }
    return new RuleResult.Edit(Normalizers.WHITESPACE.rewrite(kept.toString()),
        Map.of("lines", removed, "chars", chars));
  }
}
