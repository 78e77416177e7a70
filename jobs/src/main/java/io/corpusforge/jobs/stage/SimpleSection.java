package io.corpusforge.jobs.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report section that is just named values; its summary prints one {@code name: value} line each. */
public record SimpleSection(Map<String, Object> values) implements StageSection {
  public SimpleSection {
    values = new LinkedHashMap<>(values);
  }

  @Override
  public Map<String, Object> toMap() {
    return values;
  }

  @Override
  public List<String> summaryLines() {
    List<String> lines = new ArrayList<>();
    values.forEach((k, v) -> lines.add(k + ": " + v));
    return lines;
  }
}
