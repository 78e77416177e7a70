package io.corpusforge.jobs.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {
  @Test
  void oneLineFormatWithTheStagesOwnNumbersAfterASemicolon() {
    assertEquals("clean clean partition 2 done: 12,000 rows in 4.0 s (3000 rows/s)",
        PartitionProgress.line("clean", "clean", 2, "done", 12_000, 4.0, null));
    assertEquals("generate generate partition 0 running: 8 rows in 0.0 s (0 rows/s); 3 errors",
        PartitionProgress.line("generate", "generate", 0, "running", 8, 0.0, "3 errors"));
  }

  @Test
  void wrappingKeepsEveryRowInOrderAndBatchTickerAsksForDetailOnlyWhenDue() {
    PartitionProgress progress = new PartitionProgress("test", "step", 3600);
    List<Integer> seen = new ArrayList<>();
    progress.wrap(List.of(1, 2, 3).iterator()).forEachRemaining(seen::add);
    assertEquals(List.of(1, 2, 3), seen);
    int[] asked = {0};
    PartitionProgress.Ticker ticker = progress.start();
    ticker.rows(10, () -> String.valueOf(++asked[0]));
    assertEquals(0, asked[0], "no line before the interval has passed, so no detail computed");
    PartitionProgress.Ticker every = new PartitionProgress("test", "step", 0).start();
    every.rows(10, () -> String.valueOf(++asked[0]));
    assertEquals(1, asked[0]);
  }
}
