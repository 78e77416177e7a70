package io.corpusforge.inference.spark;

import io.corpusforge.inference.Engine;
import io.corpusforge.inference.EngineOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;

/**
 * One engine per (model, options) per executor JVM, shared by every task of the executor: the generate job, the ML
 * Transformer and the SQL functions all go through it. The engine keeps one request queue; a task submits its rows
 * and waits on their futures while the engine batches rows of all tasks into the same forward steps.
 *
 * <p>Engines live until the JVM exits and are not closed on the way out: a shutdown hook that closed them would make
 * a killed executor wait for the forward step in flight.
 */
public final class EngineService {
  private record Key(Path model, EngineOptions options) {}

  private static final Map<Key, Engine> ENGINES = new HashMap<>();

  private EngineService() {}

  /**
   * The executor's engine for this model and options, loaded by the first task that asks (size the threads with
   * {@link #executorThreads}).
   */
  public static synchronized Engine get(Path model, EngineOptions options) {
    Key key = new Key(model.toAbsolutePath().normalize(), options);
    Engine engine = ENGINES.get(key);
    if (engine == null) {
      engine = Engine.load(key.model(), options);
      ENGINES.put(key, engine);
    }
    return engine;
  }

  /**
   * {@code options} with the executor's cores ({@link ExecutorCores}) as the thread count when the configured
   * {@code threads} is 0 (auto); EngineOptions itself would take the machine's processors, which on a shared
   * machine or under {@code local[N]} is the wrong number.
   */
  public static EngineOptions executorThreads(int threads, EngineOptions options) {
    return threads > 0 ? options : options.withThreads(ExecutorCores.current());
  }

  /**
   * Where an executor finds {@code model}: the path itself when it is a file there, else the file of that name
   * shipped with {@code spark-submit --files} ({@link SparkFiles}).
   */
  public static Path localModel(String model) {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("no model: set spark.corpusforge.llm.model (or the Transformer's model "
          + "param) to a GGUF file");
    }
    Path p = Path.of(model);
    if (Files.isRegularFile(p)) {
      return p;
    }
    if (TaskContext.get() != null || org.apache.spark.SparkEnv.get() != null) {
      try {
        Path shipped = Path.of(SparkFiles.get(p.getFileName().toString()));
        if (Files.isRegularFile(shipped)) {
          return shipped;
        }
      } catch (RuntimeException notShipped) {
        // no SparkFiles here: fall through to the error naming the path
      }
    }
    throw new IllegalArgumentException("model file not found: " + p.toAbsolutePath()
        + " (every executor must be able to read it, or ship it with spark-submit --files)");
  }

  /** Names the calling task in the engine's step statistics. */
  public static String source() {
    TaskContext tc = TaskContext.get();
    return tc == null ? Thread.currentThread().getName() : "task " + tc.taskAttemptId();
  }

  /** Engines this JVM holds: tests check that tasks share one. */
  public static synchronized int loaded() {
    return ENGINES.size();
  }
}
