package io.corpusforge.clean;

/**
 * Site chrome sits around the article: a welcome banner, a slogan or a site name before the first sentence, an
 * account link, a site name or a headline list after the last one. Lines before the document's first prose line
 * and after its last (see {@link LineShape#isBody}) that are short ({@code maxChars}) and not prose are removed;
 * so are teasers after the last prose line. The first line is kept when it looks like the title: at least
 * {@code titleMinHan} Han characters making at least {@code titleMinHanShare} of it, and at most
 * {@code titleMaxChars} characters ("0 发布时间：2021.04.17" is not a title). A document without any prose
 * line is left to the content filters.
 */
public final class EdgeLinesRule extends LineDropRule {
  private final LineShape shape;
  private final int maxChars;
  private final int titleMinHan;
  private final int titleMaxChars;
  private final double titleMinHanShare;

  public EdgeLinesRule(String name, LineShape shape, int maxChars, int titleMinHan, int titleMaxChars,
      double titleMinHanShare) {
    super(name);
    this.shape = shape;
    this.maxChars = maxChars;
    this.titleMinHan = titleMinHan;
    this.titleMaxChars = titleMaxChars;
    this.titleMinHanShare = titleMinHanShare;
  }

  @Override
  protected void mark(String[] lines, boolean[] drop, DocContext context) {
    int firstBody = -1;
    int lastBody = -1;
    int first = -1;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      if (first < 0) {
        first = i;
      }
      if (shape.isBody(lines[i])) {
        if (firstBody < 0) {
          firstBody = i;
        }
        lastBody = i;
      }
    }
    if (firstBody < 0) {
      return;
    }
    for (int i = 0; i < firstBody; i++) {
      if (!lines[i].isEmpty() && !(i == first && isTitle(lines[i])) && lines[i].length() <= maxChars) {
        drop[i] = true;
      }
    }
    for (int i = lastBody + 1; i < lines.length; i++) {
      if (!lines[i].isEmpty() && (lines[i].length() <= maxChars || shape.isTeaser(lines[i]))) {
        drop[i] = true;
      }
    }
  }

  private boolean isTitle(String line) {
    return line.length() <= titleMaxChars && TextMetrics.hanChars(line) >= titleMinHan
        && LineShape.hanShare(line) >= titleMinHanShare;
  }
}
