package io.corpusforge.jobs.dedup;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import io.corpusforge.dedup.CodePointFolding;
import java.util.List;

/**
 * Traditional-to-simplified folding for hashing, from OpenCC's character table (opencc4j). Character level only:
 * phrase-level conversion would need segmentation, and for hashing it is enough that a traditional copy and its
 * simplified original map to the same characters. Where OpenCC lists several simplified forms the first is used.
 * The table (BMP CJK ranges) is built once per JVM, lazily, on first use on each executor.
 */
public final class TraditionalFolding {
  private static volatile char[] table;

  /** The folding as a serializable function; it holds no state, the table lives in this JVM. */
  public static final CodePointFolding FOLDING = TraditionalFolding::fold;

  private TraditionalFolding() {}

  static int fold(int cp) {
    if (cp < 0x3400 || cp > 0xFFFF) {
      return cp;
    }
    char[] t = table;
    if (t == null) {
      t = build();
    }
    return t[cp];
  }

  private static synchronized char[] build() {
    if (table != null) {
      return table;
    }
    char[] t = new char[0x10000];
    for (int cp = 0; cp < t.length; cp++) {
      t[cp] = (char) cp;
    }
    for (int[] range : new int[][] {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}}) {
      for (int cp = range[0]; cp <= range[1]; cp++) {
        List<String> simple = ZhConverterUtil.toSimple((char) cp);
        if (simple != null && !simple.isEmpty()) {
          String s = simple.get(0);
          if (s.length() == 1) {
            t[cp] = s.charAt(0);
          }
        }
      }
    }
    table = t;
    return t;
  }
}
