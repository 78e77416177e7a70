package io.corpusforge.jobs.stage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The versions a report records, so an output can be traced to the code that made it: corpusforge (from the jar's
 * Maven properties, "dev" when run from classes), the git commit (system property {@code corpusforge.git.commit},
 * else {@code git rev-parse HEAD} in the working directory, else "unknown"), Java and Spark.
 */
public final class BuildInfo {
  private static volatile String gitCommit;

  private BuildInfo() {}

  public static Map<String, String> versions(String sparkVersion) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("corpusforge", corpusforgeVersion());
    v.put("git_commit", gitCommit());
    v.put("java", System.getProperty("java.version"));
    v.put("spark", sparkVersion);
    return v;
  }

  private static String corpusforgeVersion() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/META-INF/maven/io.corpusforge/jobs/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", "dev");
      }
    } catch (IOException e) {
      // fall through: the version is informative only
    }
    return "dev";
  }

  static String gitCommit() {
    String c = gitCommit;
    if (c == null) {
      c = System.getProperty("corpusforge.git.commit", "");
      if (c.isEmpty()) {
        c = askGit();
      }
      gitCommit = c;
    }
    return c;
  }

  private static String askGit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "unknown";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
    } catch (IOException e) {
      return "unknown"; // no git on this machine (a cluster node)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
