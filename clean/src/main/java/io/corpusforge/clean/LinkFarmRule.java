package io.corpusforge.clean;

import java.util.regex.Pattern;

/**
 * Link farms and tag clouds left as one line: many short names separated by spaces or list symbols (not the full-width comma or the
 * enumeration comma 、, which separate clauses and listed things in prose and titles: "娃娃菜炒香菇，炒牛肉，泡椒炒香干";
 * nor "/", which joins the alternative names of one product or title: "纯棉/全棉 毛巾", "魔兽战争/Shachibato!")
 * ("优乐国际ag代理 威尼斯人现金直营 太阳城电玩城手机版 …", "标签： 世界杯预选赛 南美区 哥伦比亚 …"). A line with
 * at least {@code minItems} items whose mean length is at most {@code maxMeanItemChars} (none longer than
 * {@code maxItemChars}), at least
 * {@code minHanItemShare} of them containing Han characters, and no sentence punctuation is removed. Spec lines
 * ("防爆等级 ATEX II 2G T4") fail the Han share; sentences fail the punctuation test.
 */
public final class LinkFarmRule extends LineDropRule {
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u3000|｜,·•_]+");
  private static final String SENTENCE = "。！？；!?;";

  private final int minItems;
  private final double maxMeanItemChars;
  private final int maxItemChars;
  private final double minHanItemShare;

  public LinkFarmRule(String name, int minItems, double maxMeanItemChars, int maxItemChars,
      double minHanItemShare) {
    super(name);
    this.minItems = minItems;
    this.maxMeanItemChars = maxMeanItemChars;
    this.maxItemChars = maxItemChars;
    this.minHanItemShare = minHanItemShare;
  }

  @Override
  protected void mark(String[] lines, boolean[] drop, DocContext context) {
    for (int i = 0; i < lines.length; i++) {
      drop[i] = isFarm(lines[i]);
    }
  }

  public boolean isFarm(String line) {
    if (line.length() < minItems * 2) {
      return false;
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (SENTENCE.indexOf(c) >= 0 || c == '.' && i + 1 < line.length() && line.charAt(i + 1) == ' ') {
        return false;  // sentence punctuation, also an ASCII full stop before a space
      }
    }
    String[] items = SEPARATORS.split(line);
    int n = 0;
    int han = 0;
    long chars = 0;
    for (String item : items) {
      if (item.isEmpty()) {
        continue;
      }
      n++;
      chars += item.length();
      if (item.length() > maxItemChars) {
        return false;
      }
      if (TextMetrics.hanChars(item) > 0) {
        han++;
      }
    }
    return n >= minItems && (double) chars / n <= maxMeanItemChars && (double) han / n >= minHanItemShare;
  }
}
