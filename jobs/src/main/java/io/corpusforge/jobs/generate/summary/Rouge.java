package io.corpusforge.jobs.generate.summary;

import java.util.HashMap;
import java.util.Map;

/**
 * Character-level ROUGE-1, ROUGE-2 and ROUGE-L F1 (Lin, 2004), the usual scores for Chinese summaries: the units are
 * the code points of the text with whitespace removed, so a space-segmented reference scores like an unsegmented one.
 */
public final class Rouge {
  private Rouge() {}

  public record Scores(double rouge1, double rouge2, double rougeL) {}

  public static Scores score(String candidate, String reference) {
    int[] c = units(candidate);
    int[] r = units(reference);
    return new Scores(ngramF1(c, r, 1), ngramF1(c, r, 2), lcsF1(c, r));
  }

  static int[] units(String text) {
    return text.codePoints().filter(cp -> !Character.isWhitespace(cp)).toArray();
  }

  /** F1 of clipped n-gram overlap: each reference n-gram can be matched as many times as it occurs. */
  static double ngramF1(int[] cand, int[] ref, int n) {
    Map<String, Integer> refCounts = counts(ref, n);
    Map<String, Integer> candCounts = counts(cand, n);
    int candTotal = Math.max(0, cand.length - n + 1);
    int refTotal = Math.max(0, ref.length - n + 1);
    int overlap = 0;
    for (Map.Entry<String, Integer> e : candCounts.entrySet()) {
      overlap += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
    }
    return f1(overlap, candTotal, refTotal);
  }

  static double lcsF1(int[] cand, int[] ref) {
    return f1(lcs(cand, ref), cand.length, ref.length);
  }

  static int lcs(int[] a, int[] b) {
    int[] prev = new int[b.length + 1];
    int[] cur = new int[b.length + 1];
    for (int i = 1; i <= a.length; i++) {
      for (int j = 1; j <= b.length; j++) {
        cur[j] = a[i - 1] == b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length];
  }

  private static double f1(int overlap, int candTotal, int refTotal) {
    if (overlap == 0 || candTotal == 0 || refTotal == 0) {
      return 0;
    }
    double p = (double) overlap / candTotal;
    double r = (double) overlap / refTotal;
    return 2 * p * r / (p + r);
  }

  private static Map<String, Integer> counts(int[] units, int n) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i + n <= units.length; i++) {
      m.merge(new String(units, i, n), 1, Integer::sum);
    }
    return m;
  }
}
