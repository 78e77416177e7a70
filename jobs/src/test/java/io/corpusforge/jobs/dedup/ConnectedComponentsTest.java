package io.corpusforge.jobs.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.dedup.UnionFind;
import io.corpusforge.jobs.TestSpark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
  private final SparkSession spark = TestSpark.session();

  private Map<String, String> components(List<String[]> edges) {
    List<Row> rows = edges.stream().map(e -> RowFactory.create(e[0], e[1])).toList();
    Dataset<Row> df = spark.createDataFrame(rows, DedupJob.PAIR);
    Map<String, String> out = new HashMap<>();
    for (Row r : ConnectedComponents.compute(df, 40).labels().collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  private static String id(int i) {
    return String.format("n%05d", i);
  }

  @Test
  void longChainIsOneComponentLabelledWithItsMinimum() {
    List<String[]> edges = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      edges.add(new String[] {id(i + 1), id(i)}); // n00000 - n00001 - ... - n00200
    }
    Map<String, String> c = components(edges);
    assertEquals(201, c.size());
    assertTrue(c.values().stream().allMatch(id(0)::equals));
  }

  @Test
  void matchesUnionFindOnARandomGraphWithOneBigCluster() {
    Random rnd = new Random(5);
    int n = 3000;
    List<String[]> edges = new ArrayList<>();
    UnionFind uf = new UnionFind(n);
    for (int i = 1; i < 1500; i++) { // one big cluster over 0..1499
      int j = rnd.nextInt(i);
      edges.add(new String[] {id(i), id(j)});
      uf.union(i, j);
    }
    for (int k = 0; k < 900; k++) { // sparse random edges among the rest: many small components
      int a = 1500 + rnd.nextInt(1500);
      int b = 1500 + rnd.nextInt(1500);
      edges.add(new String[] {id(a), id(b)});
      uf.union(a, b);
    }
    Map<String, String> c = components(edges);
    for (var e : c.entrySet()) {
      int v = Integer.parseInt(e.getKey().substring(1));
      assertEquals(id(uf.find(v)), e.getValue(), "vertex " + e.getKey());
    }
  }
}
