package io.corpusforge.jobs.stage;

import java.util.List;

/**
 * What a {@link Stage} declares: its name (its command, the {@code stage} column of its rejects, the report's
 * section key), the paths it reads, what it writes under its output, the effective settings recorded in report.json
 * (a record, a map, anything Jackson renders), and whether it is resumable (commits part by part, in place, and can
 * continue an existing output with {@code --resume}).
 */
public record StageSpec(String name, List<String> inputs, List<String> outputs, Object settings,
    boolean resumable) {
  public StageSpec {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** A stage that writes into a work directory renamed into place (every stage but a resumable one). */
  public StageSpec(String name, List<String> inputs, List<String> outputs, Object settings) {
    this(name, inputs, outputs, settings, false);
  }
}
