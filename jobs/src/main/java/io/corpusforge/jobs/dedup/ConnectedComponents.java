package io.corpusforge.jobs.dedup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Connected components of an undirected graph given as string edges, computed in Spark (nothing is collected to
 * the driver). Each vertex ends labelled with the smallest vertex id of its component.
 *
 * <p>Alternating Large-Star and Small-Star (Kiveris et al., "Connected Components in MapReduce and Beyond",
 * SoCC 2014): both operations keep connectivity and move every vertex's edges towards the smallest vertex it
 * knows of; the graph becomes one star per component, centred on the component's minimum, in O(log^2 n) rounds
 * (a few in practice). Plain min-label propagation would need O(diameter) rounds, which long near-duplicate
 * chains make large. Edges are kept as (big, small) pairs.
 */
public final class ConnectedComponents {
  /** The labels and how many rounds it took. */
  public record Result(Dataset<Row> labels, int rounds) {}

  private ConnectedComponents() {}

  /**
   * @param edges columns {@code src}, {@code dst} (strings)
   * @return columns {@code id}, {@code component}: one row per vertex that appears in an edge
   */
  public static Result compute(Dataset<Row> edges, int maxRounds) {
    Dataset<Row> e = normalized(edges.select(col("src").as("a"), col("dst").as("b"))).localCheckpoint();
    for (int round = 1; round <= maxRounds; round++) {
      e = smallStar(largeStar(e).localCheckpoint()).localCheckpoint();
      if (isStarForest(e)) {
        Dataset<Row> leaves = e.select(col("a").as("id"), col("b").as("component"));
        Dataset<Row> centres = e.select(col("b").as("id"), col("b").as("component")).distinct();
        return new Result(leaves.union(centres), round);
      }
    }
    throw new IllegalStateException("connected components did not converge in " + maxRounds
        + " rounds (dedup.components.max-iterations)");
  }

  /** (big, small) pairs, no self loops, no repeats. */
  private static Dataset<Row> normalized(Dataset<Row> ab) {
    return ab.filter(col("a").notEqual(col("b")))
        .select(greatest(col("a"), col("b")).as("a"), least(col("a"), col("b")).as("b"))
        .distinct();
  }

  /** Both directions: (u, v) for every neighbour v of u. */
  private static Dataset<Row> adjacency(Dataset<Row> e) {
    return e.select(col("a").as("u"), col("b").as("v")).union(e.select(col("b").as("u"), col("a").as("v")));
  }

  /** Every vertex links its strictly larger neighbours to the minimum of its closed neighbourhood. */
  static Dataset<Row> largeStar(Dataset<Row> e) {
    Dataset<Row> adj = adjacency(e);
    Dataset<Row> m = adj.groupBy("u").agg(min("v").as("mv"))
        .select(col("u"), least(col("u"), col("mv")).as("m"));
    return normalized(adj.filter(col("v").gt(col("u"))).join(m, "u").select(col("v").as("a"), col("m").as("b")));
  }

  /** Every vertex links itself and its smaller neighbours to the minimum of those. */
  static Dataset<Row> smallStar(Dataset<Row> e) {
    // with (big, small) pairs, the smaller neighbours of a are exactly the b's of its rows
    Dataset<Row> m = e.groupBy("a").agg(min("b").as("m"));
    Dataset<Row> neighbours = e.join(m, "a").select(col("b").as("a"), col("m").as("b"));
    Dataset<Row> self = m.select(col("a"), col("m").as("b"));
    return normalized(neighbours.union(self));
  }

  /** Converged: every vertex has at most one smaller neighbour, and no centre is itself a leaf. */
  private static boolean isStarForest(Dataset<Row> e) {
    boolean oneCentreEach = e.groupBy("a").agg(count(lit(1)).as("n")).filter(col("n").gt(1)).isEmpty();
    return oneCentreEach && e.select("b").intersect(e.select("a")).isEmpty();
  }
}
