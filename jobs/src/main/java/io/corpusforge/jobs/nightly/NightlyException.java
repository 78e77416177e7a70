package io.corpusforge.jobs.nightly;

/** A nightly run stopped for a reason the user can act on (bad setting, changed configuration, missing input). */
public final class NightlyException extends RuntimeException {
  public NightlyException(String message) {
    super(message);
  }
}
