package io.corpusforge.jobs.generate.input;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Product attributes written as one string. Two layouts occur in real catalogs: AdvertiseGen's
 * {@code 类型#裤*版型#宽松*风格#性感} and JD's tab-separated {@code key\tvalue\tkey\tvalue}. A key that repeats
 * ({@code 风格#复古*风格#文艺}) keeps every value, joined with "、", in first-seen key order.
 */
public final class AttributeText {
  private AttributeText() {}

  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    if (text.indexOf('\t') >= 0) {
      String[] f = text.split("\t", -1);
      for (int i = 0; i + 1 < f.length; i += 2) {
        put(out, f[i], f[i + 1]);
      }
      if (f.length % 2 == 1) {
        put(out, f[f.length - 1], ""); // a dangling key still says something about the product
      }
      return out;
    }
    for (String pair : text.split("\\*")) {
      int hash = pair.indexOf('#');
      if (hash < 0) {
        put(out, pair, "");
      } else {
        put(out, pair.substring(0, hash), pair.substring(hash + 1));
      }
    }
    return out;
  }

  private static void put(Map<String, String> out, String key, String value) {
    String k = key.strip();
    String v = value.strip();
    if (k.isEmpty()) {
      return;
    }
    if (v.isEmpty() || v.equals(k)) {
      // JD tables list flags as "自动 断电\t自动 断电": the key alone carries the fact
      out.putIfAbsent(k, "");
      return;
    }
    out.merge(k, v, (old, add) -> old.isEmpty() ? add : containsItem(old, add) ? old : old + "、" + add);
  }

  private static boolean containsItem(String joined, String item) {
    for (String s : joined.split("、")) {
      if (s.equals(item)) {
        return true;
      }
    }
    return false;
  }

  /** The attributes as prompt text: {@code 类型：裤；版型：宽松}; a key without value appears alone. */
  public static String render(Map<String, String> attributes) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (!sb.isEmpty()) {
        sb.append('；');
      }
      sb.append(e.getKey());
      if (!e.getValue().isEmpty()) {
        sb.append('：').append(e.getValue());
      }
    }
    return sb.toString();
  }
}
