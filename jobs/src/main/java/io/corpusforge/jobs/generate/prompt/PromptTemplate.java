package io.corpusforge.jobs.generate.prompt;

import io.corpusforge.jobs.generate.text.Hashes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned prompt template from {@code conf/prompts/}: leading {@code #} lines are a header (name, version, notes)
 * that is hashed but not sent; the body has {@code {{placeholder}}}s. A body line whose placeholders are all empty is
 * left out, so "品牌：{{brand}}" disappears for a product without a brand. The hash covers the whole file and the
 * settings rendered into it, so any edit gives outputs a new {@code template_hash}.
 */
public final class PromptTemplate implements Serializable {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

  private final String name;
  private final List<String> bodyLines;
  private final String hash;

  private PromptTemplate(String name, List<String> bodyLines, String hash) {
    this.name = name;
    this.bodyLines = bodyLines;
    this.hash = hash;
  }

  /**
   * @param name where the template came from, for messages
   * @param fileText the template file
   * @param known the placeholder names the caller fills in; any other is a mistake in the template
   * @param settings fixed values rendered into every prompt (max_chars ...), part of the hash
   */
  public static PromptTemplate parse(String name, String fileText, Set<String> known, Map<String, String> settings) {
    String text = fileText.replace("\r\n", "\n");
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    while (!lines.isEmpty() && (lines.get(0).startsWith("#") || lines.get(0).isBlank())) {
      lines.remove(0);
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("prompt template " + name + " has no body");
    }
    List<String> body = new ArrayList<>();
    for (String line : lines) {
      Matcher m = PLACEHOLDER.matcher(line);
      while (m.find()) {
        String p = m.group(1);
        if (!known.contains(p) && !settings.containsKey(p)) {
          throw new IllegalArgumentException("prompt template " + name + ": unknown placeholder {{" + p
              + "}} (known: " + new java.util.TreeSet<>(known) + " and " + new java.util.TreeSet<>(settings.keySet()) + ")");
        }
      }
      body.add(fillSettings(line, settings));
    }
    return new PromptTemplate(name, List.copyOf(body), Hashes.hex16(text + "\u0000" + new TreeMap<>(settings)));
  }

  private static String fillSettings(String line, Map<String, String> settings) {
    Matcher m = PLACEHOLDER.matcher(line);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = settings.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  public String render(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    for (String line : bodyLines) {
      Matcher m = PLACEHOLDER.matcher(line);
      StringBuilder sb = new StringBuilder();
      boolean any = false;
      boolean allEmpty = true;
      while (m.find()) {
        any = true;
        String v = values.getOrDefault(m.group(1), "");
        if (!v.isEmpty()) {
          allEmpty = false;
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(v));
      }
      m.appendTail(sb);
      if (any && allEmpty) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(sb);
    }
    return out.toString();
  }

  public String name() {
    return name;
  }

  /** 16 hex digits of SHA-256 over the template file and its settings. */
  public String hash() {
    return hash;
  }

}
