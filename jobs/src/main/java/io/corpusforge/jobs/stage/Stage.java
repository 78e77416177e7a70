package io.corpusforge.jobs.stage;

/**
 * One step of the pipeline (clean, dedup, vocab, generate): it declares what it reads and writes ({@link #spec}),
 * and its {@link #run} only computes and writes its own files under {@link StageContext#output()}. The skeleton
 * ({@link StageRunner}) owns the rest, the same for every stage: the output policy and the atomic commit with
 * {@code _SUCCESS}, the {@code rejected/} rows in {@link Rejects#SCHEMA}, {@code report.json} with the common
 * header, the printed summary, the phase timer. See docs/stages.md for a short example.
 */
public interface Stage {
  /** Name, inputs, outputs, settings, resumable. */
  StageSpec spec();

  /**
   * Computes and writes the stage's output under {@code ctx.output()}; rejects go through
   * {@link StageContext#writeRejects}. Throw {@link StageException} for a job-level problem (bad input path,
   * missing column); never let one bad record fail the stage.
   */
  StageResult run(StageContext ctx) throws Exception;

  default String name() {
    return spec().name();
  }
}
