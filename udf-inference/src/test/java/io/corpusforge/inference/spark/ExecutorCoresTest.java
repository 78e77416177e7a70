package io.corpusforge.inference.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExecutorCoresTest {
  @Test
  void localModeGivesItsThreadCount() {
    assertEquals(2, ExecutorCores.of("local[2]", null, 16));
    assertEquals(3, ExecutorCores.of("local[3, 4]", null, 16));
    assertEquals(16, ExecutorCores.of("local[*]", "4", 16));
    assertEquals(1, ExecutorCores.of("local", null, 16));
    assertEquals(5, ExecutorCores.of("local-cluster[2, 5, 1024]", null, 16));
  }

  @Test
  void clusterModeGivesExecutorCoresOrTheMachine() {
    assertEquals(4, ExecutorCores.of("yarn", "4", 16));
    assertEquals(4, ExecutorCores.of("spark://host:7077", " 4 ", 16));
    assertEquals(16, ExecutorCores.of("spark://host:7077", null, 16));
    assertEquals(16, ExecutorCores.of("", null, 16));
  }
}
