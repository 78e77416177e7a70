package io.corpusforge.dedup;

import java.util.Arrays;

/**
 * Disjoint sets over 0..n-1 with path halving and union by size; the root of a set is reported as its smallest
 * member, so results do not depend on the order of unions. Used in memory (tests, evaluation, one partition's
 * worth of data); the Spark job computes components with label propagation instead.
 */
public final class UnionFind {
  private final int[] parent;
  private final int[] size;
  private final int[] smallest;

  public UnionFind(int n) {
    parent = new int[n];
    size = new int[n];
    smallest = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
      smallest[i] = i;
    }
  }

  private int root(int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  public void union(int a, int b) {
    int ra = root(a);
    int rb = root(b);
    if (ra == rb) {
      return;
    }
    if (size[ra] < size[rb]) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    parent[rb] = ra;
    size[ra] += size[rb];
    smallest[ra] = Math.min(smallest[ra], smallest[rb]);
  }

  /** The smallest element of x's set: a canonical, order-independent component label. */
  public int find(int x) {
    return smallest[root(x)];
  }

  /** The component label of every element. */
  public int[] labels() {
    int[] out = new int[parent.length];
    Arrays.setAll(out, this::find);
    return out;
  }
}
