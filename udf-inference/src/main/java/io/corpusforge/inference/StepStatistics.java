package io.corpusforge.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the engine's forward steps carried: how many steps, how many sequences per step, and whose sequences (the
 * submitter of each request: a Spark task, a thread). Shows whether work from several submitters really shares
 * steps (cross-task batching) and how full the batches are. Thread-safe; the scheduler records, anyone reads.
 */
public final class StepStatistics {
  /** Compositions of the most recent steps kept for inspection. */
  static final int RECENT_STEPS = 4096;

  private long steps;
  private long rows;
  private long sharedSteps;
  private int maxRows;
  private int maxSources;
  private final Deque<Map<String, Integer>> recent = new ArrayDeque<>();

  /**
   * @param steps forward steps run
   * @param rows sequences advanced, summed over steps (rows / steps = the mean batch size)
   * @param sharedSteps steps that advanced sequences of two or more submitters together
   * @param maxRows most sequences in one step
   * @param maxSources most submitters in one step
   * @param recentSteps per recent step (oldest first, at most {@value #RECENT_STEPS}): submitter to sequences
   */
  public record Snapshot(long steps, long rows, long sharedSteps, int maxRows, int maxSources,
      List<Map<String, Integer>> recentSteps) {
    public double meanRows() {
      return steps == 0 ? 0 : (double) rows / steps;
    }
  }

  synchronized void record(List<Scheduler.Sequence> stepped) {
    Map<String, Integer> bySource = new LinkedHashMap<>();
    for (Scheduler.Sequence s : stepped) {
      bySource.merge(s.source, 1, Integer::sum);
    }
    steps++;
    rows += stepped.size();
    if (bySource.size() > 1) {
      sharedSteps++;
    }
    maxRows = Math.max(maxRows, stepped.size());
    maxSources = Math.max(maxSources, bySource.size());
    if (recent.size() == RECENT_STEPS) {
      recent.removeFirst();
    }
    recent.addLast(bySource);
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(steps, rows, sharedSteps, maxRows, maxSources, List.copyOf(new ArrayList<>(recent)));
  }

  /** Starts counting afresh (a benchmark or test looking at one job only). */
  public synchronized void reset() {
    steps = 0;
    rows = 0;
    sharedSteps = 0;
    maxRows = 0;
    maxSources = 0;
    recent.clear();
  }
}
