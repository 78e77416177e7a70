package io.corpusforge.jobs.stage;

/**
 * What a stage does when its output directory already holds something. The same for every command:
 * {@code --overwrite} replaces it (only once the new output is complete), {@code --resume} continues it (stages
 * that commit part by part), neither refuses to touch it.
 */
public enum OutputPolicy {
  /** An existing non-empty output is an error. */
  REFUSE,
  /** The new output replaces the old one when the stage succeeds; a failing stage leaves the old one as it was. */
  OVERWRITE,
  /** Keep the parts already committed and add the missing ones (resumable stages only). */
  RESUME;

  /** From the command line's {@code --overwrite} and {@code --resume} flags. */
  public static OutputPolicy of(boolean overwrite, boolean resume) {
    if (overwrite && resume) {
      throw new StageException("--overwrite and --resume exclude each other: replace the output or continue it");
    }
    return overwrite ? OVERWRITE : resume ? RESUME : REFUSE;
  }
}
