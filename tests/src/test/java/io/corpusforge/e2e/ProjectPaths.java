package io.corpusforge.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Where the project's own samples and the optional ../shared evaluation material are, for end-to-end tests. */
public final class ProjectPaths {
  private ProjectPaths() {}

  public static Path root() {
    String fromBuild = System.getProperty("project.root");
    Path p = fromBuild != null ? Path.of(fromBuild) : Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("samples"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the project root (a directory with samples/)");
    }
    return p;
  }

  public static Path samples() {
    return root().resolve("samples");
  }

  /** ../shared/{relative}; the test is skipped with a message when it is absent (a fresh clone has none). */
  public static Path sharedOrSkip(String relative) {
    Path p = root().resolveSibling("shared").resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), "skipped: " + p + " is absent (../shared is evaluation material)");
    return p;
  }
}
