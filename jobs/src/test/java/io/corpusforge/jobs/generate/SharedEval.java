package io.corpusforge.jobs.generate;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The evaluation material in ../shared beside the checkout: read at test time only, skipped when absent. */
public final class SharedEval {
  private SharedEval() {}

  public static Path root() {
    return Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize().resolveSibling("shared");
  }

  /** The path under ../shared, or a skipped test with a message when it is not there. */
  public static Path require(String relative) {
    Path p = root().resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), () -> "skipped: " + p + " is absent (../shared is not part of the repo)");
    return p;
  }
}
