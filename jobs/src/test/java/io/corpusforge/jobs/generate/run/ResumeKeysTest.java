package io.corpusforge.jobs.generate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResumeKeysTest {
  @Test
  void everyPartOfTheIdentityCounts() {
    long k = ResumeKeys.key("p1", "title", "m", "t", "p");
    assertEquals(k, ResumeKeys.key("p1", "title", "m", "t", "p"));
    assertNotEquals(k, ResumeKeys.key("p2", "title", "m", "t", "p"));
    assertNotEquals(k, ResumeKeys.key("p1", "live-script", "m", "t", "p"));
    assertNotEquals(k, ResumeKeys.key("p1", "title", "m2", "t", "p"));
    assertNotEquals(k, ResumeKeys.key("p1", "title", "m", "t2", "p"));
    assertNotEquals(k, ResumeKeys.key("p1", "title", "m", "t", "p2"));
    // parts are separated: ("ab","c") is not ("a","bc")
    assertNotEquals(ResumeKeys.key("ab", "c", "", "", ""), ResumeKeys.key("a", "bc", "", "", ""));
    assertEquals(ResumeKeys.key("x", "y", null, "", ""), ResumeKeys.key("x", "y", "", "", ""));
  }

  @Test
  void lookupInSortedKeys() {
    ResumeKeys keys = ResumeKeys.of(new long[] {5, -3, 42});
    assertTrue(keys.contains(-3) && keys.contains(5) && keys.contains(42));
    assertFalse(keys.contains(0));
    assertEquals(3, keys.size());
    assertFalse(ResumeKeys.none().contains(5));
  }
}
