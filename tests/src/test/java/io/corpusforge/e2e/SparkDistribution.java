package io.corpusforge.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A Spark "distribution" for tests that run Spark's own launchers in fresh JVMs: SPARK_HOME/jars with links to the
 * Spark jars of the test classpath and none of ours (neither the reactor's module jars nor our non-Spark
 * dependencies), so a test proves what a user must add to a cluster.
 */
public final class SparkDistribution {
  /** Jars of the test classpath that are ours or our non-Spark dependencies. */
  private static final List<String> NOT_SPARK = List.of("/io/corpusforge/", "/org/apache/lucene/",
      "/com/github/houbb/", "/com/github/albfernandez/", "/com/typesafe/config/", "/org/junit/", "/org/opentest4j/",
      "/org/apiguardian/");

  private SparkDistribution() {}

  /**
   * Lays out {@code home}/jars. {@code withMllib}: a real distribution ships spark-mllib; the registry has it only
   * as 4.1.0 (same ML API), so tests that do not need it leave it out.
   */
  public static Path create(Path home, boolean withMllib) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    Path classpath = ProjectPaths.root().resolve("tests/target/test-classpath.txt");
    Assumptions.assumeTrue(Files.exists(classpath), "skipped: " + classpath + " not written (run through mvn)");
    for (String entry : Files.readString(classpath).strip().split(File.pathSeparator)) {
      String unix = entry.replace(File.separatorChar, '/');
      boolean ours = Path.of(entry).toAbsolutePath().startsWith(ProjectPaths.root()); // reactor module jars
      boolean excluded = NOT_SPARK.stream().anyMatch(unix::contains) || (!withMllib && unix.contains("/spark-mllib"));
      if (!entry.endsWith(".jar") || ours || excluded) {
        continue;
      }
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link)) {
        Files.createSymbolicLink(link, jar);
      }
    }
    return home;
  }

  /** The class path of the distribution's jars, as its launch scripts build it. */
  public static String classpath(Path home) {
    return home.resolve("jars") + File.separator + "*";
  }

  /** A reactor module's jar, e.g. {@code moduleJar("udf-inference")}; the test is skipped when it is not built. */
  public static Path moduleJar(String module) throws IOException {
    Path target = ProjectPaths.root().resolve(module).resolve("target");
    Path jar = null;
    if (Files.isDirectory(target)) {
      try (var files = Files.list(target)) {
        jar = files.filter(f -> f.getFileName().toString().matches(module + "-[0-9.]+(-SNAPSHOT)?\\.jar"))
            .findFirst().orElse(null);
      }
    }
    Assumptions.assumeTrue(jar != null, "skipped: " + module + "'s jar not built (run through mvn verify)");
    return jar;
  }
}
