package io.corpusforge.jobs.stage;

import java.util.List;

/**
 * One step of the pipeline (clean, dedup, vocab, generate): it declares what it reads and what it writes, and its
 * {@link #run} only computes and writes its own files under {@link StageContext#output()}. The skeleton
 * ({@link StageRunner}) owns the rest, the same for every stage: the output policy and the atomic commit with
 * {@code _SUCCESS}, the {@code rejected/} rows in {@link Rejects#SCHEMA}, {@code report.json} with the common
 * header, the printed summary, the phase timer. See docs/stages.md for a short example.
 */
public interface Stage {
  /** The stage's name: its command, the {@code stage} column of its rejects, the report's section key. */
  String name();

  /** The paths it reads (files or directories on any Hadoop file system). */
  List<String> inputs();

  /** What it writes under the output directory, e.g. {@code kept/}, {@code rejected/}, {@code report.json}. */
  List<String> outputs();

  /** The effective settings of this run, recorded in report.json (a record, a map, anything Jackson renders). */
  Object settings();

  /**
   * Whether the stage commits its output part by part and can continue an existing output ({@code --resume}). A
   * resumable stage writes in place; the others write into a work directory that is renamed into place.
   */
  default boolean resumable() {
    return false;
  }

  /**
   * Computes and writes the stage's output under {@code ctx.output()}; rejects go through
   * {@link StageContext#writeRejects}. Throw {@link StageException} for a job-level problem (bad input path,
   * missing column); never let one bad record fail the stage.
   */
  StageResult run(StageContext ctx) throws Exception;
}
