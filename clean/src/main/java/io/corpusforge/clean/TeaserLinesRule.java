package io.corpusforge.clean;

import java.util.regex.Pattern;

/**
 * A generated summary or teaser right above the text it summarizes ("本文摘要：近日，…" over "近日，…", or a
 * paragraph cut with "很多人看..." over the whole paragraph). A line cut with an ellipsis whose text begins one of
 * the next two lines, or a line with a short "label：" whose first {@code minChars} characters after the label begin
 * one of them, is removed; the full text stays. A line without label or ellipsis is never a teaser: titles are
 * often repeated by the first sentence.
 */
public final class TeaserLinesRule extends LineDropRule {
  private static final Pattern LABEL = Pattern.compile("^\\p{IsHan}{2,6}\\s*[:：]\\s*");
  private static final Pattern ELLIPSIS = Pattern.compile("(?:\\.{2,}|…+|。{3,})$");

  private final int minChars;

  public TeaserLinesRule(String name, int minChars) {
    super(name);
    this.minChars = minChars;
  }

  private static boolean hasColonNearStart(String line) {
    for (int i = 0; i < Math.min(line.length(), 10); i++) {
      char c = line.charAt(i);
      if (c == '：' || c == ':') {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void mark(String[] lines, boolean[] drop, DocContext context) {
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].length() < minChars) {
        continue;
      }
      String line = lines[i];
      var label = LABEL.matcher(line);
      boolean labeled = hasColonNearStart(line) && label.find();
      String unlabeled = labeled ? line.substring(label.end()) : line;
      var ellipsis = ELLIPSIS.matcher(unlabeled);
      char last = line.charAt(line.length() - 1);
      boolean cut = (last == '.' || last == '…' || last == '。') && ellipsis.find();
      if (!labeled && !cut) {
        continue;  // a title that the text repeats ("XX店" over "XX店的邮政编码…") is no teaser
      }
      String core = TextMetrics.withoutWhitespace(cut ? unlabeled.substring(0, ellipsis.start()) : unlabeled);
      if (core.length() < minChars) {
        continue;
      }
      // a cut teaser is a prefix of the text; a labelled summary may be reworded after its opening
      String probe = cut ? core : core.substring(0, minChars);
      int seen = 0;
      for (int j = i + 1; j < lines.length && seen < 2; j++) {
        if (lines[j].isEmpty()) {
          continue;
        }
        seen++;
        String next = TextMetrics.withoutWhitespace(lines[j]);
        // a cut teaser may be the whole of the next line ("…难忘。..." over "…难忘。")
        if ((cut ? next.length() >= probe.length() : next.length() > probe.length()) && next.startsWith(probe)) {
          drop[i] = true;
          break;
        }
      }
    }
  }
}
