package io.corpusforge.clean;

/**
 * Lists of other articles ("related news", "hot topics", a column's index): runs of at least {@code minRun}
 * consecutive lines that are headline-like, teasers or list entries with a count or date stamp
 * ({@link LineShape}) are removed wherever they stand. The document's first line (its title) starts such a run only
 * when it carries a stamp, and a run followed by a prose line (directly or after one
 * more line, a byline) keeps its last line (the heading of that prose: navigation, then the article's headline, then its text). Blank lines
 * neither break nor extend a run. Two kinds of short lines are the text's own and never entries: spec lines
 * ({@link LineShape#isSpec}) anywhere, and between the first and the last prose line enumerated items ("2、按合模方式分类",
 * "1.机械式") and items of at most {@code itemMaxChars} characters ("商业飞行员") — a related-article list inside an
 * article's text is neither numbered nor made of titles that short.
 */
public final class HeadlineRunsRule extends LineDropRule {
  private final LineShape shape;
  private final int minRun;
  private final int itemMaxChars;

  /**
   * @param itemMaxChars lines this short between the first and the last prose line are items of the text's own
   *     list ("商业飞行员", "私人飞行员"), not titles of other articles, which run longer
   */
  public HeadlineRunsRule(String name, LineShape shape, int minRun, int itemMaxChars) {
    super(name);
    this.shape = shape;
    this.minRun = minRun;
    this.itemMaxChars = itemMaxChars;
  }

  /** Prose at {@code from} or right after one more line (a byline or date between headline and text). */
  private boolean proseFollows(String[] lines, int from) {
    int seen = 0;
    for (int j = from; j < lines.length && seen < 2; j++) {
      if (!lines[j].isEmpty()) {
        if (shape.isBody(lines[j])) {
          return true;
        }
        seen++;
      }
    }
    return false;
  }

  private static int lastNonEmpty(String[] lines, int before) {
    int j = before - 1;
    while (j > 0 && lines[j].isEmpty()) {
      j--;
    }
    return j;
  }

  @Override
  protected void mark(String[] lines, boolean[] drop, DocContext context) {
    int first = 0;
    while (first < lines.length && lines[first].isEmpty()) {
      first++;
    }
    int firstBody = -1;
    int lastBody = -1;
    for (int i = first; i < lines.length; i++) {
      if (!lines[i].isEmpty() && shape.isBody(lines[i])) {
        lastBody = i;
        if (firstBody < 0) {
          firstBody = i;
        }
      }
    }
    int runStart = -1;
    int run = 0;
    for (int i = first; i <= lines.length; i++) {
      if (i < lines.length && lines[i].isEmpty()) {
        continue;
      }
      boolean own = i < lines.length && (shape.isSpec(lines[i]) || i > firstBody && i < lastBody
          && (LineShape.isEnumerated(lines[i]) || lines[i].strip().length() <= itemMaxChars));
      boolean entry = i < lines.length && !own && (shape.isListEntry(lines[i])
          || i > first && (shape.isHeadline(lines[i]) || shape.isTeaser(lines[i])));
      if (entry) {
        if (run == 0) {
          runStart = i;
        }
        run++;
        continue;
      }
      if (run >= minRun) {
        // a run that ends right above prose ends with that prose's heading: the last line stays
        int end = proseFollows(lines, i) ? lastNonEmpty(lines, i) : i;
        for (int j = runStart; j < end; j++) {
          drop[j] = true;
        }
      }
      run = 0;
    }
  }
}
