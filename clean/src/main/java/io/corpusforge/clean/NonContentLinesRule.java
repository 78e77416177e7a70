package io.corpusforge.clean;

/**
 * Lines made mostly of digits and symbols: stray counters, times, phone lists, page numbers ("28 16:39",
 * "82672760、82675803", "18"). A line whose letters (Han or any script) are less than {@code minWordShare} of its
 * non-space characters is removed, unless it is a spec line ({@link LineShape#isSpec}: "40 ~ +105°C", "7 x 7 mm").
 */
public final class NonContentLinesRule extends LineDropRule {
  private final LineShape shape;
  private final double minWordShare;

  public NonContentLinesRule(String name, LineShape shape, double minWordShare) {
    super(name);
    this.shape = shape;
    this.minWordShare = minWordShare;
  }

  @Override
  protected void mark(String[] lines, boolean[] drop, DocContext context) {
    for (int i = 0; i < lines.length; i++) {
      drop[i] = !lines[i].isEmpty() && LineShape.wordCharShare(lines[i]) < minWordShare && !shape.isSpec(lines[i]);
    }
  }
}
