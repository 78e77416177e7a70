package io.corpusforge.clean;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes lines matching any of a list of patterns (boilerplate, spam, ads); lines longer than
 * {@code maxLineChars} are never touched, so a long content paragraph that mentions "版权" survives. When the
 * removed lines exceed {@code rejectDocAboveShare} of the document's characters, the whole document is rejected
 * instead: it was dominated by what the patterns describe.
 */
public final class LinePatternRule implements Rule {
  private final String name;
  private final List<Pattern> patterns;
  private final List<CharScan.Set> starts;
  private final int maxLineChars;
  private final double rejectDocAboveShare;

  /**
   * @param patterns regular expressions, matched with {@code find()} against each trimmed line (case-sensitive)
   * @param maxLineChars only lines up to this many characters are candidates; 0 means any length
   * @param rejectDocAboveShare share of characters in removed lines above which the document is rejected; a
   *     value above 1 means never
   */
  public LinePatternRule(String name, List<String> patterns, int maxLineChars, double rejectDocAboveShare) {
    this.name = name;
    // No global CASE_INSENSITIVE: it slows every comparison of Chinese text; lists use (?i) where ASCII needs it.
    this.patterns = patterns.stream().map(Pattern::compile).toList();
    this.starts = this.patterns.stream().map(CharScan::startChars).toList();
    this.maxLineChars = maxLineChars;
    this.rejectDocAboveShare = rejectDocAboveShare;
  }

  private boolean matchesAny(String line) {
    for (int p = 0; p < patterns.size(); p++) {
      Matcher m = patterns.get(p).matcher(line).useTransparentBounds(true).useAnchoringBounds(false);
      if (CharScan.findFrom(m, line, 0, starts.get(p))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RuleResult apply(String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder kept = new StringBuilder(text.length());
    long removedLines = 0;
    long removedChars = 0;
    long totalChars = 0;
    for (String line : lines) {
      String trimmed = line.strip();
      totalChars += trimmed.length();
      if (!trimmed.isEmpty() && (maxLineChars <= 0 || trimmed.length() <= maxLineChars)
          && matchesAny(trimmed)) {
        removedLines++;
        removedChars += trimmed.length();
        continue;
      }
      if (!kept.isEmpty()) {
        kept.append('\n');
      }
      kept.append(line);
    }
    if (removedLines == 0) {
      return RuleResult.KEEP;
    }
    double share = totalChars == 0 ? 0 : (double) removedChars / totalChars;
    if (share > rejectDocAboveShare) {
      return new RuleResult.Drop(share, removedLines + " of " + lines.length + " lines matched");
    }
    return new RuleResult.Edit(Normalizers.WHITESPACE.rewrite(kept.toString()),
        Map.of("lines", removedLines, "chars", removedChars));
  }
}
