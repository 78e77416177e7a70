package io.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShinglerTest {
  private final HashNormalizer norm = HashNormalizer.withoutFolding();

  @Test
  void distinctSortedNgrams() {
    long[] s = new Shingler(2).shingles(norm.codePoints("abab"));
    assertEquals(2, s.length); // ab, ba
    assertEquals(true, s[0] < s[1]);
  }

  @Test
  void shortTextIsOneShingleAndEmptyIsNone() {
    assertEquals(1, new Shingler(5).shingles(norm.codePoints("短文")).length);
    assertEquals(0, new Shingler(5).shingles(norm.codePoints("。。")).length);
  }

  @Test
  void exactJaccardOfKnownSets() {
    Shingler sh = new Shingler(1);
    long[] a = sh.shingles(norm.codePoints("abcd"));
    long[] b = sh.shingles(norm.codePoints("cdef"));
    assertEquals(2.0 / 6, Shingler.jaccard(a, b), 1e-12);
    assertEquals(1.0, Shingler.jaccard(a, a), 1e-12);
  }

  @Test
  void punctuationChangesDoNotChangeShingles() {
    Shingler sh = new Shingler(5);
    assertEquals(1.0, Shingler.jaccard(sh.shingles(norm.codePoints("我们今天去公园散步，然后回家吃饭。")),
        sh.shingles(norm.codePoints("我们今天去公园散步 然后回家吃饭!"))));
  }
}
