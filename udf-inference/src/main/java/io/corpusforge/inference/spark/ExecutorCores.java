package io.corpusforge.inference.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;

/**
 * The cores one executor runs tasks on, which the engine's thread pool is sized to: N of {@code local[N]}
 * ({@code local[*]}: the machine's processors), c of {@code local-cluster[n,c,m]}, else {@code spark.executor.cores}
 * (when unset, as on a standalone worker that gives an executor all its cores: the machine's processors).
 */
public final class ExecutorCores {
  private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(?:,\\s*\\d+)?]");
  private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");

  private ExecutorCores() {}

  /** Cores of the executor this JVM runs (the machine's processors outside Spark). */
  public static int current() {
    SparkEnv env = SparkEnv.get();
    if (env == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    SparkConf conf = env.conf();
    return of(conf.get("spark.master", ""), conf.get("spark.executor.cores", null),
        Runtime.getRuntime().availableProcessors());
  }

  /** Pure rule behind {@link #current()}; {@code executorCores} may be null. */
  static int of(String master, String executorCores, int processors) {
    String m = master == null ? "" : master.trim();
    if (m.equals("local")) {
      return 1;
    }
    Matcher local = LOCAL.matcher(m);
    if (local.matches()) {
      return local.group(1).equals("*") ? processors : Math.max(1, Integer.parseInt(local.group(1)));
    }
    Matcher cluster = LOCAL_CLUSTER.matcher(m);
    if (cluster.matches()) {
      return Math.max(1, Integer.parseInt(cluster.group(1)));
    }
    if (executorCores != null && !executorCores.isBlank()) {
      return Math.max(1, Integer.parseInt(executorCores.trim()));
    }
    return processors;
  }
}
