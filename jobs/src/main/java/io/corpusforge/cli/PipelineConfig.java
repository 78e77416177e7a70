package io.corpusforge.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import io.corpusforge.clean.WordList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The effective configuration of a run: {@code conf/pipeline.conf} (shipped in the jar), then each
 * {@code --conf FILE} in order, then each {@code --set key=value}. Later layers win.
 *
 * <p>Word and pattern lists referenced from the config ({@code *.txt} under {@code conf/}) resolve first as a
 * file-system path (so a user can point at their own list), then as a resource inside the jar.
 */
public final class PipelineConfig {
  public static final String DEFAULTS = "conf/pipeline.conf";

  private PipelineConfig() {}

  public static Config load(List<String> confFiles, List<String> sets) {
    Config config = ConfigFactory.parseResources(PipelineConfig.class.getClassLoader(), DEFAULTS,
        ConfigParseOptions.defaults().setAllowMissing(false));
    for (String file : confFiles) {
      Path path = Path.of(file);
      if (!Files.isReadable(path)) {
        throw new CliArgs.UsageException("--conf " + file + ": file not found or not readable");
      }
      config = ConfigFactory.parseFile(path.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
          .withFallback(config);
    }
    Config defaults = config;
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new CliArgs.UsageException("--set expects key=value, got '" + set + "'");
      }
      String key = set.substring(0, eq).trim();
      requireKnown(defaults, key);
      String value = set.substring(eq + 1).trim();
      try {
        Config one = ConfigFactory.parseString(key + " = " + value,
            ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF));
        config = one.withFallback(config);
      } catch (ConfigException e) {
        throw new CliArgs.UsageException("--set " + set + ": " + e.getMessage());
      }
    }
    return config.resolve();
  }

  /** A --set of a key that no config file defines is a typo far more often than a new setting. */
  private static void requireKnown(Config defaults, String key) {
    boolean known;
    try {
      known = defaults.hasPathOrNull(key);
    } catch (ConfigException e) {
      throw new CliArgs.UsageException("--set " + key + ": " + e.getMessage());
    }
    if (!known) {
      // name the keys of the nearest enclosing section that exists, where the typo most likely is
      String parent = key;
      String siblings = "";
      while (parent.lastIndexOf('.') > 0) {
        parent = parent.substring(0, parent.lastIndexOf('.'));
        if (defaults.hasPath(parent) && defaults.getValue(parent) instanceof com.typesafe.config.ConfigObject obj) {
          siblings = " (keys under " + parent + ": " + String.join(", ", new java.util.TreeSet<>(obj.keySet())) + ")";
          break;
        }
      }
      throw new CliArgs.UsageException("--set " + key + ": no such setting in conf/" + siblings);
    }
  }

  /** Loads the config from the standard {@code --conf} and {@code --set} options of a command. */
  public static Config load(CliArgs args) {
    return load(args.all("conf"), args.all("set"));
  }

  /** The defaults only: what tests and library code use when no command line is involved. */
  public static Config defaults() {
    return load(List.of(), List.of());
  }

  /** A config as one HOCON string, to ship to executors and to record in reports. */
  public static String render(Config config) {
    return config.root().render(ConfigRenderOptions.concise().setFormatted(false));
  }

  /** Reads a word/pattern list named in the config, in the format of {@link WordList#parse}. */
  public static List<String> readList(String location) {
    return WordList.parse(readText(location));
  }

  /** Reads a text resource named in the config: a file-system path, else {@code conf/<location>} in the jar. */
  public static String readText(String location) {
    Path path = Path.of(location);
    try {
      if (Files.isRegularFile(path)) {
        return Files.readString(path, StandardCharsets.UTF_8);
      }
      String resource = location.startsWith("conf/") ? location : "conf/" + location;
      try (InputStream in = PipelineConfig.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("list not found: '" + location
              + "' is neither a readable file nor a resource " + resource);
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + location, e);
    }
  }
}
