package io.corpusforge.clean;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spam judged by density and structure, not by one word. The vocabulary (gambling, porn, contact-solicitation ads:
 * {@code clean/spam-lines.txt}) marks spans; a line is spam when the spans cover at least {@code lineMinShare} of
 * its non-space characters, or when it has the shape of a link farm ({@link LinkFarmRule#isFarm}) and any span. A
 * content line with a span or two injected into it (SEO spam inserts casino names into copied news) keeps its
 * text minus the spans. When the spam lines and spans hold more than {@code rejectDocAboveShare} of the document's
 * characters, the document is rejected: what remains would be mostly spam.
 */
public final class SpamLinesRule implements Rule {
  /** Separators a cut span leaves at the ends of the line ("yabo手机版登录:相关标签：…" → "相关标签：…"). */
  private static final Pattern LEFTOVER = Pattern.compile("^[\\s:：,，、|｜\\-]+|[\\s:：,，、|｜\\-]+$");

  private final String name;
  private final List<Pattern> patterns;
  private final List<CharScan.Set> starts;
  private final double lineMinShare;
  private final double rejectDocAboveShare;
  private final LinkFarmRule farm;

  public SpamLinesRule(String name, List<String> patterns, double lineMinShare, double rejectDocAboveShare,
      LinkFarmRule farm) {
    this.name = name;
    this.patterns = patterns.stream().map(Pattern::compile).toList();
    this.starts = this.patterns.stream().map(CharScan::startChars).toList();
    this.lineMinShare = lineMinShare;
    this.rejectDocAboveShare = rejectDocAboveShare;
    this.farm = farm;
  }

  @Override
  public String name() {
    return name;
  }

  /** The characters of {@code line} inside a vocabulary match, or null when there is none (the common case). */
  boolean[] markSpans(String line) {
    boolean[] covered = null;
    for (int p = 0; p < patterns.size(); p++) {
      Matcher m = null;
      int from = 0;
      while (from < line.length()) {
        int at = firstStart(line, from, starts.get(p));
        if (at < 0) {
          break;
        }
        if (m == null) {
          m = patterns.get(p).matcher(line).useTransparentBounds(true).useAnchoringBounds(false);
        }
        if (!CharScan.findFrom(m, line, at, starts.get(p))) {
          break;
        }
        if (covered == null) {
          covered = new boolean[line.length()];
        }
        for (int i = m.start(); i < m.end(); i++) {
          covered[i] = true;
        }
        from = Math.max(m.end(), m.start() + 1);
      }
    }
    return covered;
  }

  private static int firstStart(String line, int from, CharScan.Set starts) {
    for (int i = from; i < line.length(); i++) {
      if (starts.contains(line.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int nonSpace(String s, boolean[] only) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if ((only == null || only[i]) && !Character.isWhitespace(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  @Override
  public RuleResult apply(String text) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    long spamLines = 0;
    long spans = 0;
    long spamChars = 0;
    long totalChars = 0;
    for (String raw : lines) {
      String line = raw.strip();
      int nonSpace = nonSpace(line, null);
      totalChars += nonSpace;
      String keep = raw;
      if (!line.isEmpty()) {
        boolean[] covered = markSpans(line);
        int hits = covered == null ? 0 : nonSpace(line, covered);
        if (hits > 0) {
          if ((double) hits / nonSpace >= lineMinShare || farm.isFarm(line)) {
            spamLines++;
            spamChars += nonSpace;
            continue;
          }
          StringBuilder cut = new StringBuilder(line.length());
          for (int i = 0; i < line.length(); i++) {
            if (!covered[i]) {
              // the colon after an injected "casino-site:" prefix goes with it
              boolean afterSpan = i > 0 && covered[i - 1];
              if (!(afterSpan && (line.charAt(i) == '：' || line.charAt(i) == ':'))) {
                cut.append(line.charAt(i));
              }
            }
          }
          spans++;
          spamChars += hits;
          keep = LEFTOVER.matcher(cut).replaceAll("");
        }
      }
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(keep);
    }
    if (spamLines == 0 && spans == 0) {
      return RuleResult.KEEP;
    }
    double share = totalChars == 0 ? 0 : (double) spamChars / totalChars;
    if (share > rejectDocAboveShare) {
      return new RuleResult.Drop(share, spamLines + " spam lines and " + spans + " lines with spam spans of "
          + lines.length + " lines");
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("lines", spamLines);
    counts.put("spans", spans);
    counts.put("chars", spamChars);
    return new RuleResult.Edit(Normalizers.WHITESPACE.rewrite(out.toString()), counts);
  }
}
