package io.corpusforge.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corpusforge.dedup.RepresentativePolicy.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepresentativeAndMetricsTest {
  @Test
  void qualityThenLengthThenId() {
    List<Candidate> c = new ArrayList<>(List.of(new Candidate("b", 0.5, 10), new Candidate("a", 0.5, 10),
        new Candidate("c", 0.5, 20), new Candidate("d", null, 99), new Candidate("e", 0.9, 1)));
    c.sort(RepresentativePolicy.BEST_FIRST);
    assertEquals(List.of("e", "c", "a", "b", "d"), c.stream().map(Candidate::id).toList());
  }

  @Test
  void pairCountingMetrics() {
    // truth {1,2,3} {4,5}; predicted {1,2} {3,4,5}
    Map<String, String> truth = Map.of("1", "A", "2", "A", "3", "A", "4", "B", "5", "B");
    Map<String, String> pred = Map.of("1", "x", "2", "x", "3", "y", "4", "y", "5", "y");
    PairMetrics m = PairMetrics.of(truth, pred);
    assertEquals(4, m.truePairs());
    assertEquals(4, m.predictedPairs());
    assertEquals(2, m.correctPairs()); // 1-2 and 4-5
    assertEquals(0.5, m.f1(), 1e-12);
  }
}
