package io.corpusforge.jobs.stage;

/**
 * A job cannot run as asked: its output exists, an input is missing or has the wrong columns, a setting is
 * invalid. The CLI prints the message as one line and exits with code 2; jobs and io code throw this, never the
 * CLI's own usage exception. Bad records are not errors: they become rejected rows ({@link Rejects}).
 */
public class StageException extends RuntimeException {
  public StageException(String message) {
    super(message);
  }

  public StageException(String message, Throwable cause) {
    super(message, cause);
  }
}
