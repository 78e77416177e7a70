package io.corpusforge.clean;

/**
 * Site chrome sits around the article: a welcome banner, a slogan or a site name before the first sentence, an
 * account link, a site name or a headline list after the last one. Lines before the document's first prose line
 * and after its last (see {@link LineShape#isBody}) that are short (at most {@code maxHan} Han characters) and not
 * prose are removed;
 * so are teasers after the last prose line. Two head lines are kept when they look like a title — the first line
 * (a page title) and the last title-like line above the first prose line (the article's headline, below the
 * site's chrome): at least
 * {@code titleMinHan} Han characters making at least {@code titleMinHanShare} of it, and at most
 * {@code titleMaxChars} characters ("0 发布时间：2021.04.17" is not a title; a model number counts as one word:
 * "雅特力AT32F421 系列" is a title; a "#tag" line is not). Spec lines ({@link LineShape#isSpec}: "M4主频最高120MHz",
 * "内胆材质：铝合金内胆") are a product page's content wherever they stand and are kept, and so are the list items
 * that continue a list ending the prose ("- …", "5.…"). Below the headline, where a product page lists its
 * selling points before its first sentence, a line needs a second sign of chrome to go: a pure Han phrase
 * ("质地柔软": no digit, date, colon or punctuation) stays; two or more such phrases of at most
 * {@code featureMaxHan} Han characters right above the first prose line are a list of selling points and stay, and
 * the headline is the last title-like line above them. A document without any prose
 * line is left to the content filters.
 */
public final class EdgeLinesRule extends LineDropRule {
  private final LineShape shape;
  private final int maxHan;
  private final int titleMinHan;
  private final int titleMaxChars;
  private final double titleMinHanShare;
  private final int featureMaxHan;

  public EdgeLinesRule(String name, LineShape shape, int maxHan, int titleMinHan, int titleMaxChars,
      double titleMinHanShare, int featureMaxHan) {
    super(name);
    this.shape = shape;
    this.maxHan = maxHan;
    this.titleMinHan = titleMinHan;
    this.titleMaxChars = titleMaxChars;
    this.titleMinHanShare = titleMinHanShare;
    this.featureMaxHan = featureMaxHan;
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
    // a product's selling points right above its first sentence ("质地柔软", "吸水性强"): two or more short pure
    // Han phrases in a row stay, and the headline is looked for above them
    int features = firstBody;
    int phrases = 0;
    for (int i = firstBody - 1; i >= 0 && (lines[i].isEmpty() || isFeature(lines[i])); i--) {
      if (!lines[i].isEmpty()) {
        features = i;
        phrases++;
      }
    }
    if (phrases < 2) {
      features = firstBody;
    }
    int headline = -1;  // the article's own headline: the last title-like line above the first prose line
    for (int i = features - 1; i >= 0 && headline < 0; i--) {
      if (!lines[i].isEmpty() && isTitle(lines[i])) {
        headline = i;
      }
    }
    for (int i = 0; i < firstBody; i++) {
      boolean title = (i == first || i == headline) && isTitle(lines[i])
          || i == first && namedBelow(lines, i, firstBody);
      boolean feature = i >= features || headline >= 0 && i > headline && isPhrase(lines[i]);
      if (!lines[i].isEmpty() && !title && !feature && isShort(lines[i]) && !shape.isSpec(lines[i])) {
        drop[i] = true;
      }
    }
    // a list whose items run on past the last prose line ("4.…不好；" then "5.油漆问题；") is the text's own
    boolean listGoesOn = LineShape.isListItem(lines[lastBody]);
    for (int i = lastBody + 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      listGoesOn &= LineShape.isListItem(lines[i]);
      if (!listGoesOn && (isShort(lines[i]) && !shape.isSpec(lines[i]) || shape.isTeaser(lines[i]))) {
        drop[i] = true;
      }
    }
  }

  /**
   * Short in Han characters: what a Chinese reader sees as the line's length, and unchanged by the PII masks that
   * run later (a masked contact line must be judged the same when the cleaned text is cleaned again).
   */
  private boolean isShort(String line) {
    return TextMetrics.hanChars(line) <= maxHan;
  }

  /**
   * Han only, at least three of them, no digits, colon or punctuation: a feature or selling point ("质地柔软"), not
   * a byline, a date or a two-character menu word ("列表").
   */
  private static boolean isPhrase(String line) {
    long han = TextMetrics.hanChars(line);
    return han >= 3 && han == TextMetrics.withoutWhitespace(line).length();
  }

  /**
   * The page title as a bare name or model number ("APL 3.2"): too little Han to look like a title, but the first
   * prose line names it again.
   */
  private static boolean namedBelow(String[] lines, int i, int firstBody) {
    String name = TextMetrics.withoutWhitespace(lines[i]);
    return name.length() >= 3 && TextMetrics.withoutWhitespace(lines[firstBody]).contains(name);
  }

  private boolean isFeature(String line) {
    return isPhrase(line) && TextMetrics.hanChars(line) <= featureMaxHan;
  }

  private boolean isTitle(String line) {
    if (line.length() > titleMaxChars || line.charAt(0) == '#') {
      return false;
    }
    long han = TextMetrics.hanChars(line);
    return han >= titleMinHan && han >= titleMinHanShare * TextMetrics.wordUnits(line);
  }
}
