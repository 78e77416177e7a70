package io.corpusforge.jobs.generate.check;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds Advertising-Law extreme words (最, 第一, 国家级, 顶级 ...) in generated copy. A hit that lies inside an
 * allowed word (最近, 第一次 ...) is not one. Matching is by substring, longest word first, so 最佳 is reported as
 * 最佳 and not also as 最.
 */
public final class ExtremeWords implements Serializable {
  private final List<String> words;
  private final List<String> allowed;

  public ExtremeWords(List<String> words, List<String> allowed) {
    this.words = words.stream().filter(w -> !w.isEmpty()).distinct()
        .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())).toList();
    this.allowed = List.copyOf(allowed);
  }

  /** The extreme words found, in order of first occurrence in the text. */
  public List<String> find(String text) {
    Set<String> found = new LinkedHashSet<>();
    for (int[] hit : hits(text)) {
      found.add(text.substring(hit[0], hit[1]));
    }
    return new ArrayList<>(found);
  }

  /** The text with every extreme word removed. */
  public String redact(String text) {
    List<int[]> hits = hits(text);
    if (hits.isEmpty()) {
      return text;
    }
    StringBuilder sb = new StringBuilder();
    int last = 0;
    for (int[] hit : hits) {
      sb.append(text, last, hit[0]);
      last = hit[1];
    }
    return sb.append(text.substring(last)).toString();
  }

  /** Non-overlapping [start, end) spans of extreme words, in text order. */
  private List<int[]> hits(String text) {
    boolean[] covered = new boolean[text.length()];
    boolean[] allowedAt = new boolean[text.length()];
    for (String a : allowed) {
      for (int i = text.indexOf(a); i >= 0; i = text.indexOf(a, i + 1)) {
        for (int k = i; k < i + a.length(); k++) {
          allowedAt[k] = true;
        }
      }
    }
    List<int[]> spans = new ArrayList<>();
    for (String w : words) {
      for (int i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
        if (free(covered, i, i + w.length()) && !inside(allowedAt, i, i + w.length())) {
          for (int k = i; k < i + w.length(); k++) {
            covered[k] = true;
          }
          spans.add(new int[] {i, i + w.length()});
        }
      }
    }
    spans.sort(Comparator.comparingInt(s -> s[0]));
    return spans;
  }

  private static boolean free(boolean[] covered, int from, int to) {
    for (int k = from; k < to; k++) {
      if (covered[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean inside(boolean[] allowedAt, int from, int to) {
    for (int k = from; k < to; k++) {
      if (!allowedAt[k]) {
        return false;
      }
    }
    return true;
  }
}
