package io.corpusforge.clean;

/**
 * Lists of other articles ("related news", "hot topics", a column's index): runs of at least {@code minRun}
 * consecutive lines that are headline-like or teasers ({@link LineShape}) are removed wherever they stand. The
 * document's first line (its title) never starts such a run. Blank lines neither break nor extend a run.
 */
public final class HeadlineRunsRule extends LineDropRule {
  private final LineShape shape;
  private final int minRun;

  public HeadlineRunsRule(String name, LineShape shape, int minRun) {
    super(name);
    this.shape = shape;
    this.minRun = minRun;
  }

  @Override
  protected void mark(String[] lines, boolean[] drop, DocContext context) {
    int first = 0;
    while (first < lines.length && lines[first].isEmpty()) {
      first++;
    }
    int runStart = -1;
    int run = 0;
    for (int i = first + 1; i <= lines.length; i++) {
      if (i < lines.length && lines[i].isEmpty()) {
        continue;
      }
      if (i < lines.length && (shape.isHeadline(lines[i]) || shape.isTeaser(lines[i]))) {
        if (run == 0) {
          runStart = i;
        }
        run++;
        continue;
      }
      if (run >= minRun) {
        for (int j = runStart; j < i; j++) {
          drop[j] = true;
        }
      }
      run = 0;
    }
  }
}
