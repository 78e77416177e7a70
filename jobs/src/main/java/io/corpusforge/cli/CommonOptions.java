package io.corpusforge.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The options every Spark command accepts, and their help text. */
public final class CommonOptions {
  public static final Set<String> NAMES = Set.of("conf", "set", "master");

  public static final String HELP = """
        --conf FILE          HOCON file layered over conf/pipeline.conf (repeatable)
        --set KEY=VALUE      override one config value, e.g. --set clean.min-chinese-chars.min=50 (repeatable;
                             the key must exist in conf/, so a typo is an error, not a silent no-op)
        --master URL         Spark master (default local[*]; under spark-submit, spark-submit's)
      """;

  private CommonOptions() {}

  /** The common option names plus a command's own. */
  public static Set<String> with(String... own) {
    Set<String> all = new HashSet<>(NAMES);
    all.addAll(List.of(own));
    return all;
  }
}
