package io.corpusforge.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The engine's request queue: concurrent callers share forward steps, results do not depend on the sharing. */
class EngineQueueTest {
  private static final Path MODEL = Path.of("src/test/resources/engine-fixtures/qwen3-f16.gguf");

  private static List<GenerationRequest> requests(String caller, int n) {
    List<GenerationRequest> list = new ArrayList<>();
    SamplingParams p = new SamplingParams(0.9, 40, 0.95, 0.02, 1.0, 0, 12, List.of());
    for (int i = 0; i < n; i++) {
      list.add(new GenerationRequest(caller + i, "Row " + i + " of " + caller + ": the quick brown fox", false, p,
          1000L * caller.hashCode() + i));
    }
    return list;
  }

  /** Two callers submit at the same moment and wait; returns their results and the engine's step statistics. */
  private static StepStatistics.Snapshot runTwoCallers(boolean across, List<List<GenerationResult>> results)
      throws Exception {
    try (LocalEngine engine = LocalEngine.load(MODEL, new EngineOptions(2, 8, 128).withBatchAcrossCalls(across));
        ExecutorService callers = Executors.newFixedThreadPool(2)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<GenerationResult>>> futures = new ArrayList<>();
      for (String caller : List.of("a", "b")) {
        futures.add(callers.submit(() -> {
          start.await();
          List<CompletableFuture<GenerationResult>> fs = engine.submit(requests(caller, 4), "caller " + caller);
          return fs.stream().map(CompletableFuture::join).toList();
        }));
      }
      start.countDown();
      for (Future<List<GenerationResult>> f : futures) {
        results.add(f.get());
      }
      return engine.stepStatistics().snapshot();
    }
  }

  @Test
  void concurrentCallersShareForwardStepsWithTheSameResults() throws Exception {
    List<List<GenerationResult>> shared = new ArrayList<>();
    List<List<GenerationResult>> serial = new ArrayList<>();
    StepStatistics.Snapshot across = runTwoCallers(true, shared);
    StepStatistics.Snapshot oneAtATime = runTwoCallers(false, serial);

    assertTrue(across.sharedSteps() > 0, "no step carried both callers' rows: " + across);
    assertEquals(2, across.maxSources());
    assertTrue(across.recentSteps().stream().anyMatch(s -> s.keySet().equals(
        java.util.Set.of("caller a", "caller b"))), "step compositions: " + across.recentSteps());
    assertEquals(0, oneAtATime.sharedSteps(), "one call at a time must never mix callers");
    assertEquals(1, oneAtATime.maxSources());
    assertTrue(across.steps() < oneAtATime.steps(), "sharing should need fewer steps: " + across.steps() + " vs "
        + oneAtATime.steps());
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < 4; i++) {
        GenerationResult a = shared.get(c).get(i);
        assertEquals(GenerationResult.LENGTH, a.finishReason(), a.toString());
        assertEquals(serial.get(c).get(i).text(), a.text(), "caller " + c + " row " + i);
      }
    }
  }

  @Test
  void closingEndsQueuedRequestsWithAnError() {
    LocalEngine engine = LocalEngine.load(MODEL, new EngineOptions(1, 1, 128));
    List<CompletableFuture<GenerationResult>> futures = engine.submit(requests("c", 6), "c");
    engine.close();
    for (CompletableFuture<GenerationResult> f : futures) {
      GenerationResult r = f.join(); // completes, never hangs
      assertTrue(r.error() == null || r.error().contains("engine closed"), r.toString());
    }
    GenerationResult after = engine.submit(requests("d", 1), "d").get(0).join();
    assertEquals(GenerationResult.ERROR, after.finishReason());
  }
}
