package io.corpusforge.bench;

import io.corpusforge.clean.CleanChain;
import io.corpusforge.clean.CleanChainFactory;
import io.corpusforge.cli.Pipeline;
import io.corpusforge.cli.PipelineConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The clean job's benchmark: {@code bin/bench clean [DOCS] [RUNS]}. Generates a dirty corpus of DOCS documents
 * (default 100,000) from the samples, then measures (1) the rule chain alone on one thread — MB/s and documents/s
 * per core — and (2) the whole Spark job on local[*], reporting MB/s per core. Medians of RUNS runs. Arguments after
 * the first two go to the job as they are ({@code --set clean.rules=[...]} to time a chain without a rule).
 */
public final class CleanBenchmark {
  private CleanBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path root = Path.of(System.getProperty("project.root", "."));
    Path work = Files.createTempDirectory("clean-bench");
    Path corpus = work.resolve("corpus");
    long bytes = SyntheticCorpus.write(corpus, root.resolve("samples/corpus"), docs, 16, 42);
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("corpus: %,d documents, %.1f MB of text, 16 JSONL shards; %d cores%n", docs, bytes / 1e6, cores);

    List<String> texts = new ArrayList<>();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    try (var files = Files.list(corpus)) {
      for (Path f : files.sorted().toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          texts.add(json.readTree(line).get("text").asText());
        }
      }
    }
    CleanChain chain = CleanChainFactory.fromConfig(PipelineConfig.defaults().getConfig("clean"));
    // CPU seconds as well as wall seconds: on a shared machine, CPU time is what "per core" means.
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double[] chainSeconds = new double[runs];
    double[] chainCpu = new double[runs];
    for (int run = -1; run < runs; run++) {  // run -1 warms up the JIT
      long t0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      long kept = 0;
      for (String t : texts) {
        if (chain.process(t).kept()) {
          kept++;
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      if (run >= 0) {
        chainSeconds[run] = s;
        chainCpu[run] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf("  chain, 1 thread, run %d: wall %.2f s, cpu %.2f s -> %.2f MB/s per CPU-second, "
            + "%,.0f docs/s (kept %,d)%n", run + 1, s, chainCpu[run], bytes / 1e6 / chainCpu[run], docs / chainCpu[run],
            kept);
      }
    }
    double chainMedian = median(chainSeconds);

    double[] jobSeconds = new double[runs];
    double[] jobCpu = new double[runs];
    for (int run = 0; run < runs; run++) {
      Path out = work.resolve("out-" + run);
      long t0 = System.nanoTime();
      long c0 = os.getProcessCpuTime();
      List<String> jobArgs = new ArrayList<>(List.of("clean", "--input", corpus.toString(), "--output", out.toString()));
      jobArgs.addAll(Arrays.asList(args).subList(Math.min(2, args.length), args.length));
      int code = Pipeline.run(jobArgs.toArray(String[]::new), System.out, System.err);
      jobSeconds[run] = (System.nanoTime() - t0) / 1e9;
      jobCpu[run] = (os.getProcessCpuTime() - c0) / 1e9;
      System.out.printf("  spark job, run %d: wall %.1f s, process cpu %.1f s -> %.2f MB/s per CPU-second%n", run + 1,
          jobSeconds[run], jobCpu[run], bytes / 1e6 / jobCpu[run]);
      if (code != 0) {
        throw new IllegalStateException("clean job failed: " + code);
      }
    }
    double jobMedian = median(jobSeconds);
    double chainCpuMedian = median(chainCpu);
    double jobCpuMedian = median(jobCpu);
    System.out.printf("%nRESULT chain (pure rules, 1 core): median %.2f s -> %.2f MB/s per core, %,.0f docs/s per core%n",
        chainMedian, bytes / 1e6 / chainMedian, docs / chainMedian);
    System.out.printf("RESULT spark job local[*] (%d cores, read + clean + write Parquet + report): median %.1f s "
        + "-> %.2f MB/s, %.2f MB/s per core, %,.0f docs/s%n", cores, jobMedian, bytes / 1e6 / jobMedian,
        bytes / 1e6 / jobMedian / cores, docs / jobMedian);
    System.out.printf("RESULT per CPU-second (robust to a busy machine): chain %.2f MB/s, job %.2f MB/s "
        + "(job CPU %.1f s incl. JVM, GC, Spark)%n", bytes / 1e6 / chainCpuMedian, bytes / 1e6 / jobCpuMedian,
        jobCpuMedian);
    System.out.println("runs (s): chain wall " + Arrays.toString(chainSeconds) + " cpu " + Arrays.toString(chainCpu)
        + ", job wall " + Arrays.toString(jobSeconds) + " cpu " + Arrays.toString(jobCpu));
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
