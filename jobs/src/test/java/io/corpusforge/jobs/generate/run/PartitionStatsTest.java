package io.corpusforge.jobs.generate.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PartitionStatsTest {
  @Test
  void linesGiveRatesAndTheShareOfPromptTokensFromTheCache() {
    // 20 s in all, 2 s of it loading the engine, 16.2 s generating; 1,000 prompt tokens of which 750 cached
    PartitionStats s = new PartitionStats(3, 40, 2, 120, 1, 5, 1000, 750, 400, 2_000_000_000L, 16_200_000_000L,
        20_000_000_000L, null);
    assertEquals("120 outputs written (2 already done), 1 errors, 5 flagged; "
        + "20.0 generated tokens/s, 12.5 prompt tokens/s computed (75% from the prefix cache), engine load 2.0 s, "
        + "generation 90.0% of the rest", s.detail());
  }

  @Test
  void anEmptyPartitionHasNoRatesRatherThanDivisionsByZero() {
    PartitionStats s = new PartitionStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    assertEquals("0 outputs written (0 already done), 0 errors, 0 flagged; 0.0 generated tokens/s, "
        + "0.0 prompt tokens/s computed (0% from the prefix cache), engine load 0.0 s, generation 0.0% of the rest",
        s.detail());
  }
}
