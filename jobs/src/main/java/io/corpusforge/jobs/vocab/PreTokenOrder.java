package io.corpusforge.jobs.vocab;

import java.io.Serializable;
import java.util.Comparator;
import scala.Tuple2;

/**
 * The order in which pre-tokens survive pruning: most frequent first; among equal counts, by a fixed hash of the
 * text (so the kept share of, say, the count-1 pre-tokens is a reproducible pseudo-random sample rather than the
 * alphabetically first ones), then by text.
 */
public final class PreTokenOrder implements Comparator<Tuple2<String, Long>>, Serializable {
  private static final long serialVersionUID = 1L;

  static long mix(String s) {
    long h = s.hashCode() * 0xC2B2AE3D27D4EB4FL;
    return h ^ (h >>> 29);
  }

  @Override
  public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
    int c = Long.compare(b._2(), a._2());
    if (c != 0) {
      return c;
    }
    c = Long.compare(mix(a._1()), mix(b._1()));
    return c != 0 ? c : a._1().compareTo(b._1());
  }
}
