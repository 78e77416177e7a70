package io.corpusforge.jobs.nightly;

import com.typesafe.config.Config;
import io.corpusforge.cli.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import io.corpusforge.jobs.stage.StageException;
import io.corpusforge.jobs.stage.StageOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly chain clean → dedup → vocab → generate under {@code <root>/dt=DATE/<stage>/}. Each stage runs the
 * same command a user would type ({@code bin/pipeline clean ...}) into the stage's work directory, which
 * {@link StageDirs} commits atomically through the stage skeleton. A finished stage whose fingerprint (settings and inputs) is unchanged is skipped; a finished
 * stage with a different fingerprint stops the run and is reported ({@code --force} recomputes); a failed stage
 * leaves the earlier ones committed, so running the same command again resumes at the failed stage.
 */
public final class NightlyRun {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyRun.class);

  public enum Status { RAN, SKIPPED, FAILED, CONFIG_CHANGED, NOT_RUN }

  /** What happened to one stage in this run. */
  public record StageResult(String name, Status status, double seconds, String fingerprint,
      List<String> differences, String error, List<List<String>> commands) {}

  /** Everything the run did, for the report and the exit code. */
  public record Outcome(String runId, String runDir, LocalDate date, Instant started, Instant ended,
      List<StageResult> stages, boolean placeholderModel) {
    public boolean ok() {
      return stages.stream().allMatch(s -> s.status() == Status.RAN || s.status() == Status.SKIPPED);
    }
  }

  /** A stage: the config paths that shape its output, its inputs, and what it runs into a temporary directory. */
  private record Stage(String name, List<String> settingPaths, List<String> inputs, Body body) {}

  @FunctionalInterface
  private interface Body {
    /** Runs the stage into {@code tmp}; returns the command lines it ran. */
    List<List<String>> run(String tmp) throws Exception;
  }

  private final Config config;
  private final NightlySettings settings;
  private final List<String> passThrough;
  private final Configuration hadoop;
  private final StageDirs dirs;
  private final LocalDate date;
  private final String runId;
  private final Map<String, String> fingerprints = new LinkedHashMap<>();

  /**
   * @param passThrough the {@code --conf}/{@code --set}/{@code --master} options, given to every stage's command
   */
  public NightlyRun(Config config, List<String> passThrough, Configuration hadoop, LocalDate date) {
    this.config = config;
    this.settings = NightlySettings.from(config);
    this.passThrough = List.copyOf(passThrough);
    this.hadoop = hadoop;
    this.date = date;
    this.dirs = new StageDirs(new Path(settings.root(), "dt=" + date).toString(), hadoop);
    this.runId = Instant.now().toString().replaceAll("[-:.]", "");
  }

  public NightlySettings settings() {
    return settings;
  }

  public StageDirs dirs() {
    return dirs;
  }

  public Outcome run(boolean force) {
    Instant started = Instant.now();
    List<StageResult> results = new ArrayList<>();
    boolean stopped = false;
    for (String name : List.of("clean", "dedup", "vocab", "generate")) {
      if (stopped) {
        results.add(new StageResult(name, Status.NOT_RUN, 0, null, List.of(), null, List.of()));
        continue;
      }
      StageResult r = runStage(name, force);
      results.add(r);
      stopped = r.status() == Status.FAILED || r.status() == Status.CONFIG_CHANGED;
    }
    return new Outcome(runId, dirs.runDir(), date, started, Instant.now(), results, settings.model().isEmpty());
  }

  private StageResult runStage(String name, boolean force) {
    Stage stage;
    try {
      stage = stage(name);
    } catch (RuntimeException e) {
      LOG.error("nightly: stage {} cannot start: {}", name, e.getMessage());
      return new StageResult(name, Status.FAILED, 0, null, List.of(), message(e), List.of());
    }
    Fingerprint fp = new Fingerprint(NightlySettings.flatten(config, stage.settingPaths()), stage.inputs());
    fingerprints.put(name, fp.value());
    if (dirs.committed(name) && !force) {
      var earlier = dirs.committedFingerprint(name);
      if (earlier.isPresent() && earlier.get().equals(fp)) {
        System.out.printf("nightly: %s finished earlier with the same settings and inputs, skipped%n", name);
        return new StageResult(name, Status.SKIPPED, 0, fp.value(), List.of(), null, List.of());
      }
      List<String> diffs = earlier.map(fp::differences).orElse(List.of("no fingerprint recorded"));
      String msg = "stage " + name + " finished earlier with other settings or inputs (" + String.join("; ", diffs)
          + "); its output is left as it is. Re-run with --force to recompute it and the stages after it.";
      System.out.println("nightly: " + msg);
      return new StageResult(name, Status.CONFIG_CHANGED, 0, fp.value(), diffs, msg, List.of());
    }
    long t0 = System.nanoTime();
    StageOutput output;
    try {
      output = dirs.open(name, runId, hadoop);
    } catch (RuntimeException e) {
      return new StageResult(name, Status.FAILED, 0, fp.value(), List.of(), message(e), List.of());
    }
    System.out.printf("nightly: running %s -> %s%n", name, dirs.path(name));
    try {
      List<List<String>> commands = stage.body().run(output.dir().toString());
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("stage", name);
      info.put("run_id", runId);
      info.put("committed_at", Instant.now().toString());
      info.put("seconds", Math.round(seconds * 10) / 10.0);
      info.put("commands", commands);
      info.put("fingerprint", Map.of("value", fp.value(), "settings", fp.settings(), "inputs", fp.inputs()));
      dirs.commit(output, info);
      System.out.printf("nightly: %s committed [%.1f s]%n", name, seconds);
      return new StageResult(name, Status.RAN, seconds, fp.value(), List.of(), null, commands);
    } catch (Exception e) {
      output.abort(); // no half-written stage: the earlier stages stay, this one runs again next time
      double seconds = (System.nanoTime() - t0) / 1e9;
      LOG.error("nightly: stage " + name + " failed", e);
      System.out.printf("nightly: %s FAILED after %.1f s: %s%n", name, seconds, message(e));
      return new StageResult(name, Status.FAILED, seconds, fp.value(), List.of(), message(e), List.of());
    }
  }

  private Stage stage(String name) {
    return switch (name) {
      case "clean" -> new Stage(name, List.of("clean", "stage.input"),
          StageDirs.listing(settings.corpus(), settings.hashMaxBytes(), hadoop),
          tmp -> List.of(run(command("clean", settings.corpus(), tmp))));
      case "dedup" -> new Stage(name, List.of("dedup", "stage.input"), upstream("clean"),
          tmp -> List.of(run(command("dedup", List.of(dirs.path("clean") + "/kept"), tmp))));
      case "vocab" -> new Stage(name, List.of("vocab", "stage.input"), upstream("dedup"),
          tmp -> List.of(run(command("vocab", List.of(dirs.path("dedup") + "/kept"), tmp))));
      case "generate" -> generateStage();
      default -> throw new IllegalArgumentException(name);
    };
  }

  private Stage generateStage() {
    List<String> inputs = new ArrayList<>(upstream("dedup"));
    inputs.addAll(upstream("vocab"));
    inputs.addAll(StageDirs.listing(settings.products(), settings.hashMaxBytes(), hadoop));
    settings.model().ifPresent(
        m -> inputs.addAll(StageDirs.listing(List.of(m), settings.hashMaxBytes(), hadoop)));
    List<String> paths = List.of("generate", "engine", "stage.input", "nightly.generate.summary-method",
        "nightly.generate.model", "nightly.generate.placeholder");
    return new Stage("generate", paths, inputs, tmp -> {
      String model = settings.model().orElseGet(() -> writePlaceholder(tmp));
      List<List<String>> commands = new ArrayList<>();
      List<String> summary = command("generate", List.of(dirs.path("dedup") + "/kept"), tmp + "/summaries");
      summary.addAll(List.of("--task", "summary", "--method", settings.summaryMethod()));
      if (settings.summaryMethod().equals("llm")) {
        summary.addAll(List.of("--model", model));
      }
      commands.add(run(summary));
      List<String> copy = command("generate", settings.products(), tmp + "/copy");
      copy.addAll(List.of("--task", "product-copy", "--model", model));
      commands.add(run(copy));
      return commands;
    });
  }

  /** Writes the placeholder model into the stage's directory (so the run records exactly what it used). */
  private String writePlaceholder(String tmp) {
    LOG.warn("nightly: no model configured (nightly.generate.model): {}. To use a real model: {}",
        PlaceholderModel.NOTICE, settings.modelHint());
    System.out.println("nightly: WARNING " + PlaceholderModel.NOTICE + ".\n  To use a real model: "
        + settings.modelHint());
    try {
      java.nio.file.Path local = Files.createTempDirectory("corpusforge-placeholder");
      java.nio.file.Path tokenizer = local.resolve("tokenizer.gguf");
      Path vocabTokenizer = new Path(dirs.path("vocab"), "tokenizer.gguf");
      FileSystem fs = vocabTokenizer.getFileSystem(hadoop);
      fs.copyToLocalFile(false, vocabTokenizer, new Path(tokenizer.toUri()), true); // raw: no .crc beside it
      java.nio.file.Path model = local.resolve("placeholder.gguf");
      PlaceholderModel.build(tokenizer, settings.placeholder()).write(model);
      Path target = new Path(tmp, "model/placeholder.gguf");
      target.getFileSystem(hadoop).copyFromLocalFile(true, true, new Path(model.toUri()), target);
      Files.deleteIfExists(tokenizer);
      Files.deleteIfExists(local);
      return target.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the placeholder model", e);
    }
  }

  /** A finished upstream stage's fingerprint, as an input line of the stages that read it. */
  private List<String> upstream(String stage) {
    String fp = fingerprints.get(stage);
    if (fp == null) {
      fp = dirs.committedFingerprint(stage).map(Fingerprint::value)
          .orElseThrow(() -> new StageException("stage " + stage + " has not finished"));
    }
    return List.of(stage + " " + fp);
  }

  /** One job's command line, as a user would type it after bin/pipeline. */
  private List<String> command(String cmd, List<String> inputs, String output) {
    List<String> args = new ArrayList<>(List.of(cmd, "--input"));
    args.addAll(inputs);
    args.addAll(List.of("--output", output));
    args.addAll(passThrough);
    return args;
  }

  /** Runs one command line exactly as bin/pipeline would; a non-zero exit fails the stage. */
  private static List<String> run(List<String> args) {
    try {
      int code = Pipeline.run(args.toArray(String[]::new), System.out, System.err);
      if (code != 0) {
        throw new StageException("'" + String.join(" ", args) + "' exited with code " + code);
      }
      return args;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The innermost cause's first line: what went wrong, without Spark's wrapping and stack traces. */
  static String message(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
    return root.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) + "…" : m));
  }
}
