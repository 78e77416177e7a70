package io.corpusforge.cli;

import io.corpusforge.jobs.stage.StageException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of {@code bin/pipeline} and of {@code spark-submit --class io.corpusforge.cli.Pipeline}: the same
 * arguments work in both.
 */
public final class Pipeline {
  /** Every command, in the order {@code --help} lists them. */
  static final List<Command> COMMANDS = List.of(
      new io.corpusforge.jobs.clean.CleanCommand(),
      new io.corpusforge.jobs.dedup.DedupCommand(),
      new io.corpusforge.jobs.generate.GenerateTextCommand(),
      new io.corpusforge.jobs.generate.GenerateCommand(),
      new io.corpusforge.jobs.vocab.VocabCommand(),
      new io.corpusforge.jobs.nightly.NightlyCommand(),
      new io.corpusforge.jobs.sql.SqlCommand());

  private Pipeline() {}

  public static void main(String[] args) throws Exception {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command line; returns the exit code (0 ok, 1 failure, 2 usage or job-level error). */
  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0 || isHelp(args[0])) {
      out.print(usage());
      return args.length == 0 ? 2 : 0;
    }
    Optional<Command> command = find(args[0]);
    if (command.isEmpty()) {
      err.println("pipeline: unknown command '" + args[0] + "'");
      err.print(usage());
      return 2;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (rest.stream().anyMatch(Pipeline::isHelp)) {
      out.print(command.get().help());
      return 0;
    }
    try {
      return command.get().run(rest);
    } catch (CliArgs.UsageException e) {
      err.println("pipeline " + command.get().name() + ": " + e.getMessage());
      err.println("see: bin/pipeline " + command.get().name() + " --help");
      return 2;
    } catch (StageException e) {
      // a job-level error (output exists, input missing, bad column): one line, no stack trace
      err.println("pipeline " + command.get().name() + ": " + e.getMessage());
      return 2;
    }
  }

  static Optional<Command> find(String name) {
    return COMMANDS.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h") || arg.equals("help");
  }

  static String usage() {
    StringBuilder sb = new StringBuilder();
    sb.append("usage: bin/pipeline <command> [options]\n\n");
    sb.append("Chinese corpus cleaning, dedup, tokenizer vocabularies and batch LLM generation on Spark.\n\n");
    sb.append("commands:\n");
    for (Command c : COMMANDS) {
      sb.append(String.format("  %-14s %s%n", c.name(), c.summary()));
    }
    sb.append("\noptions every Spark command takes:\n");
    sb.append(CommonOptions.HELP);
    sb.append("\nbin/pipeline <command> --help shows a command's own options.\n");
    return sb.toString();
  }
}
