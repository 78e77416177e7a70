package io.corpusforge.cli;

import java.util.List;

/** One {@code bin/pipeline} sub-command. Implementations are registered in {@link Pipeline#COMMANDS}. */
public interface Command {
  /** The word typed after {@code bin/pipeline}. */
  String name();

  /** One line for {@code bin/pipeline --help}. */
  String summary();

  /** The full text of {@code bin/pipeline NAME --help}. */
  String help();

  /** Runs the command; returns the process exit code. Throws {@link CliArgs.UsageException} for bad usage. */
  int run(List<String> args) throws Exception;
}
