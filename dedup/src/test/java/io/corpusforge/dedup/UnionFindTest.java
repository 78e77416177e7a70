package io.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnionFindTest {
  @Test
  void transitiveChainIsOneComponentLabelledByItsSmallestMember() {
    UnionFind uf = new UnionFind(6);
    uf.union(5, 4);
    uf.union(4, 3);
    uf.union(3, 2); // chain 2-3-4-5; 0 and 1 alone
    assertArrayEquals(new int[] {0, 1, 2, 2, 2, 2}, uf.labels());
  }

  @Test
  void oneBigClusterFromAnyUnionOrder() {
    int n = 10_000;
    List<int[]> edges = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      edges.add(new int[] {i, new Random(i).nextInt(i)}); // random tree over all nodes
    }
    for (long seed : new long[] {1, 2, 3}) {
      Collections.shuffle(edges, new Random(seed));
      UnionFind uf = new UnionFind(n);
      edges.forEach(e -> uf.union(e[0], e[1]));
      for (int i = 0; i < n; i++) {
        assertEquals(0, uf.find(i));
      }
    }
  }
}
