package io.corpusforge.jobs.nightly;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a stage's output depends on: its settings (flattened config keys) and its inputs (one line per input file
 * with size and modification time, or an upstream stage's fingerprint). Two runs with equal fingerprints produce
 * the same output, so a finished stage with an equal fingerprint is skipped; a different one is reported with
 * {@link #differences}.
 */
public record Fingerprint(Map<String, String> settings, List<String> inputs) {
  public Fingerprint {
    settings = new TreeMap<>(settings);
    inputs = List.copyOf(inputs);
  }

  /** sha256 over the sorted settings and the inputs in order. */
  public String value() {
    StringBuilder sb = new StringBuilder();
    settings.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    sb.append("--inputs--\n");
    inputs.forEach(i -> sb.append(i).append('\n'));
    return sha256(sb.toString());
  }

  /** Human-readable differences from an earlier fingerprint: changed keys with both values, changed inputs. */
  public List<String> differences(Fingerprint earlier) {
    List<String> out = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(settings.keySet());
    keys.addAll(earlier.settings.keySet());
    for (String k : keys) {
      String now = settings.get(k);
      String before = earlier.settings.get(k);
      if (!Objects.equals(now, before)) {
        out.add(k + ": " + (before == null ? "(unset)" : before) + " -> " + (now == null ? "(unset)" : now));
      }
    }
    if (!inputs.equals(earlier.inputs)) {
      List<String> gone = new ArrayList<>(earlier.inputs);
      gone.removeAll(inputs);
      List<String> added = new ArrayList<>(inputs);
      added.removeAll(earlier.inputs);
      out.add("inputs changed (" + added.size() + " new or modified, " + gone.size() + " gone or modified)"
          + (added.isEmpty() ? "" : ", e.g. " + added.getFirst()));
    }
    return out;
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
