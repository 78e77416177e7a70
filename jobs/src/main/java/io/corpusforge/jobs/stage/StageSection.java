package io.corpusforge.jobs.stage;

import java.util.List;
import java.util.Map;

/** The stage-specific part of a {@link StageReport}: written under the stage's name in report.json. */
public interface StageSection {
  /** JSON-ready values (maps, lists, numbers, strings), in the order they should appear. */
  Map<String, Object> toMap();

  /** The stage's own lines of the printed summary, without trailing newlines, derived from {@link #toMap}'s values. */
  List<String> summaryLines();
}
