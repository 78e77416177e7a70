package io.corpusforge.jobs.generate.spark;

import io.corpusforge.inference.Engine;
import io.corpusforge.inference.EngineOptions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One engine per executor JVM and model: the first task that needs it loads it, later tasks of any stage share it
 * (the engine serialises concurrent generate calls and batches inside each). Engines live until the JVM exits and
 * are not closed on the way out: closing waits for the generate call in flight, so a shutdown hook that closed
 * them kept a killed job computing until its batch was done (seen: over 30 minutes after SIGTERM).
 */
public final class EngineHolder {
  private record Key(Path model, EngineOptions options) {}

  private static final Map<Key, Engine> ENGINES = new HashMap<>();

  private EngineHolder() {}

  public static synchronized Engine get(Path model, EngineOptions options) {
    Key key = new Key(model.toAbsolutePath().normalize(), options);
    Engine engine = ENGINES.get(key);
    if (engine == null) {
      engine = Engine.load(key.model(), options);
      ENGINES.put(key, engine);
    }
    return engine;
  }

  /** How many engines this JVM holds: tests check that tasks share one. */
  public static synchronized int loaded() {
    return ENGINES.size();
  }
}
