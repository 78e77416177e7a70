package io.corpusforge.inference.spark;

import io.corpusforge.inference.EngineOptions;
import io.corpusforge.inference.SamplingParams;
import io.corpusforge.inference.backend.KvType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * The settings of the SQL functions and the Transformer: the defaults of {@code conf/spark-llm.properties} (inside
 * the jar) overridden by the Spark conf {@code spark.corpusforge.llm.<key>}. Captured on the driver when a function
 * is registered or a Transformer runs, and shipped to the executors with it. An unknown key is an error, so a typo
 * never goes unnoticed.
 */
public final class LlmSettings implements Serializable {
  public static final String PREFIX = "spark.corpusforge.llm.";
  static final String DEFAULTS = "conf/spark-llm.properties";

  private final TreeMap<String, String> values;

  private LlmSettings(TreeMap<String, String> values) {
    this.values = values;
  }

  /** The defaults shipped in the jar. */
  public static LlmSettings defaults() {
    Properties p = new Properties();
    try (InputStream in = LlmSettings.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the classpath (the udf-inference jar has it)");
      }
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULTS, e);
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      m.put(k, p.getProperty(k).trim());
    }
    return new LlmSettings(m);
  }

  /**
   * The defaults with the {@code spark.corpusforge.llm.*} settings of the active session (on the driver) or of the
   * executor's Spark conf; the defaults alone outside Spark.
   */
  public static LlmSettings current() {
    LlmSettings s = defaults();
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    scala.collection.Iterator<Tuple2<String, String>> conf;
    if (session.isDefined()) {
      conf = session.get().conf().getAll().iterator();
    } else if (SparkEnv.get() != null) {
      conf = scala.Predef.wrapRefArray(SparkEnv.get().conf().getAll()).iterator();
    } else {
      return s;
    }
    while (conf.hasNext()) {
      Tuple2<String, String> kv = conf.next();
      if (kv._1().startsWith(PREFIX)) {
        s = s.with(kv._1().substring(PREFIX.length()), kv._2());
      }
    }
    return s;
  }

  /** A copy with one setting changed. */
  public LlmSettings with(String key, String value) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException("unknown setting " + PREFIX + key + "; known: " + values.keySet());
    }
    TreeMap<String, String> m = new TreeMap<>(values);
    m.put(key, value == null ? "" : value.trim());
    return new LlmSettings(m);
  }

  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new IllegalArgumentException("unknown setting " + PREFIX + key);
    }
    return v;
  }

  public int intValue(String key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " must be an integer, got '" + get(key) + "'");
    }
  }

  public double doubleValue(String key) {
    try {
      return Double.parseDouble(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " must be a number, got '" + get(key) + "'");
    }
  }

  public long longValue(String key) {
    try {
      return Long.parseLong(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + key + " must be an integer, got '" + get(key) + "'");
    }
  }

  public boolean booleanValue(String key) {
    String v = get(key).toLowerCase(java.util.Locale.ROOT);
    if (!v.equals("true") && !v.equals("false")) {
      throw new IllegalArgumentException(PREFIX + key + " must be true or false, got '" + get(key) + "'");
    }
    return v.equals("true");
  }

  public String model() {
    return get("model");
  }

  public boolean chat() {
    return booleanValue("chat");
  }

  public long seed() {
    return longValue("seed");
  }

  public int rowsInFlight() {
    return Math.max(1, intValue("rows-in-flight"));
  }

  /** Sampling from these settings; a non-null argument overrides the setting of the same name. */
  public SamplingParams sampling(Integer maxNewTokens, Double temperature, List<String> stop) {
    return new SamplingParams(temperature != null ? temperature : doubleValue("temperature"), intValue("top-k"),
        doubleValue("top-p"), doubleValue("min-p"), doubleValue("repetition-penalty"), 0,
        maxNewTokens != null ? maxNewTokens : intValue("max-new-tokens"), stop == null ? List.of() : stop);
  }

  /** Engine options; threads 0 becomes the executor's cores, so call this on the executor. */
  public EngineOptions engineOptions() {
    int threads = intValue("engine.threads");
    return EngineService.executorThreads(threads, new EngineOptions(threads, intValue("engine.max-batch"),
        intValue("engine.context-length"), booleanValue("engine.prefix-cache"), longValue("engine.kv-cache-bytes"),
        KvType.parse(get("engine.kv-cache-type")))
        .withBatchAcrossCalls(booleanValue("engine.batch-across-calls")));
  }

  /** Every setting, for messages and docs. */
  public Map<String, String> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(", ", parts);
  }
}
