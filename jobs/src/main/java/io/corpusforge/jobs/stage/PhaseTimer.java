package io.corpusforge.jobs.stage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall-clock seconds per phase of a stage, in the order the phases ran. A phase ends at {@link #phase}; since
 * Spark is lazy, end a phase after an action (a count, a write, a checkpoint) so the time lands where it is spent.
 */
public final class PhaseTimer {
  private static final Logger LOG = LoggerFactory.getLogger(PhaseTimer.class);

  private final String stage;
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private long mark = System.nanoTime();

  public PhaseTimer(String stage) {
    this.stage = stage;
  }

  /** Ends the running phase under {@code name} (a repeated name adds up) and starts the next one. */
  public void phase(String name) {
    long now = System.nanoTime();
    double s = (now - mark) / 1e9;
    seconds.merge(name, s, Double::sum);
    mark = now;
    LOG.info("{}: phase {} done in {} s", stage, name, String.format("%.1f", s));
  }

  /** Seconds per phase, rounded to 0.1 s. */
  public Map<String, Double> seconds() {
    Map<String, Double> rounded = new LinkedHashMap<>();
    seconds.forEach((k, v) -> rounded.put(k, Math.round(v * 10) / 10.0));
    return rounded;
  }
}
