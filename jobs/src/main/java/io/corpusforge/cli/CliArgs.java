package io.corpusforge.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed command-line options: {@code --name value [value...]} and bare {@code --flag}s. An option may repeat
 * ({@code --set a=1 --set b=2}) and may take several values ({@code --input a b c}); values run until the next
 * token starting with {@code --}. Unknown options are an error, so typos never pass silently.
 */
public final class CliArgs {
  private final Map<String, List<String>> options;

  private CliArgs(Map<String, List<String>> options) {
    this.options = options;
  }

  /**
   * @param args the raw arguments after the command name
   * @param known option names (without dashes) that this command accepts
   */
  public static CliArgs parse(List<String> args, Set<String> known) {
    Map<String, List<String>> options = new LinkedHashMap<>();
    String current = null;
    for (String arg : args) {
      if (arg.startsWith("--") && arg.length() > 2) {
        String name = arg.substring(2);
        String inlineValue = null;
        int eq = name.indexOf('=');
        if (eq > 0 && !name.startsWith("set")) {
          inlineValue = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (!known.contains(name)) {
          throw new UsageException("unknown option --" + name + " (known: " + String.join(", ", sorted(known)) + ")");
        }
        options.computeIfAbsent(name, k -> new ArrayList<>());
        current = name;
        if (inlineValue != null) {
          options.get(name).add(inlineValue);
        }
      } else {
        if (current == null) {
          throw new UsageException("unexpected argument '" + arg + "': options start with --");
        }
        options.get(current).add(arg);
      }
    }
    return new CliArgs(options);
  }

  private static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    Collections.sort(l);
    return l.stream().map(x -> "--" + x).toList();
  }

  public boolean has(String name) {
    return options.containsKey(name);
  }

  /** All values given for an option, in order; empty when absent. */
  public List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  public Optional<String> optional(String name) {
    List<String> values = all(name);
    if (values.size() > 1) {
      throw new UsageException("--" + name + " takes one value, got " + values);
    }
    return values.stream().findFirst();
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new UsageException("missing required option --" + name));
  }

  public List<String> requiredList(String name) {
    List<String> values = all(name);
    if (values.isEmpty()) {
      throw new UsageException("missing required option --" + name);
    }
    return values;
  }

  public int intValue(String name, int fallback) {
    return optional(name).map(v -> parseInt(name, v)).orElse(fallback);
  }

  public double doubleValue(String name, double fallback) {
    return optional(name).map(v -> {
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new UsageException("--" + name + " expects a number, got '" + v + "'");
      }
    }).orElse(fallback);
  }

  private static int parseInt(String name, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " expects an integer, got '" + v + "'");
    }
  }

  /** A mistake in how the command was called: printed as one line plus a hint, exit code 2. */
  public static final class UsageException extends RuntimeException {
    public UsageException(String message) {
      super(message);
    }
  }
}
