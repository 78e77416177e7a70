package io.corpusforge.bench;

import io.corpusforge.clean.CleanChain;
import io.corpusforge.clean.CleanChainFactory;
import io.corpusforge.clean.RewriteRule;
import io.corpusforge.clean.Rule;
import io.corpusforge.clean.RuleResult;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.SparkSessions;
import io.corpusforge.jobs.clean.CleanJob;
import io.corpusforge.jobs.stage.OutputPolicy;
import io.corpusforge.jobs.stage.StageRunner;
import io.corpusforge.jobs.io.InputFormat;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.io.RecordReader;
import io.corpusforge.jobs.io.SourceRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Measures the clean job against the hand labels of {@code samples/labels/dirty-web-lines.tsv}: runs the job as a
 * user does (default configuration, Spark local mode) on the labeled files of {@code ../shared/eval/dirty-web},
 * then decides for every labeled line whether it survived into {@code kept/} and compares with its label.
 *
 * <p>Run: {@code bin/bench clean-labels [--show tuning]} (prints the tuning half's wrong lines with their text, to
 * tune on; the held-out half is only counted — {@code --show held-out --rules-frozen} is for an error analysis once
 * the rules are final).
 */
public final class CleanLabelEval {
  /** Labels of one record: line number → label, and the half it belongs to. */
  record LabeledRecord(String file, int record, String half, Map<Integer, String> labels) {}

  /** One labeled line's fate. */
  record LineOutcome(LabeledRecord rec, int line, String label, boolean kept, String text) {}

  /** Counts for one half. */
  public static final class Counts {
    long contentKept;
    long contentRemoved;
    long boilerplateRemoved;
    long boilerplateKept;
    long spamRemoved;
    long spamKept;
    long docs;
    long docsAgree;
    long docsKeptExpectedRejected;
    long docsRejectedExpectedKept;

    public double removalPrecision() {
      long removedNoise = boilerplateRemoved + spamRemoved;
      return ratio(removedNoise, removedNoise + contentRemoved);
    }

    public double removalRecall() {
      long removedNoise = boilerplateRemoved + spamRemoved;
      return ratio(removedNoise, removedNoise + boilerplateKept + spamKept);
    }

    public double contentKeptShare() {
      return ratio(contentKept, contentKept + contentRemoved);
    }

    public double docAgreement() {
      return ratio(docsAgree, docs);
    }

    static double ratio(long a, long b) {
      return b == 0 ? Double.NaN : (double) a / b;
    }

    String row(String half) {
      return String.format(Locale.ROOT,
          "| %s | %d | %d / %d / %d | %.3f | %.3f | %.3f | %.3f (bp) %.3f (spam) | %.3f (%d/%d; %d kept should be "
              + "rejected, %d rejected should be kept) |",
          half, docs, contentKept + contentRemoved, boilerplateKept + boilerplateRemoved, spamKept + spamRemoved,
          removalPrecision(), removalRecall(), contentKeptShare(),
          ratio(boilerplateRemoved, boilerplateRemoved + boilerplateKept), ratio(spamRemoved, spamRemoved + spamKept),
          docAgreement(), docsAgree, docs, docsKeptExpectedRejected, docsRejectedExpectedKept);
    }
  }

  /** The evaluation's result: counts per half, and every line's outcome. */
  public record Result(Map<String, Counts> byHalf, List<LineOutcome> lines, int unalignedOutputLines,
      int outputLines, Map<LabeledRecord, String> rawText, List<DocOutcome> docs) {}

  /** One labeled document's fate: expected (some content line) and actual keep, with score or reason. */
  record DocOutcome(LabeledRecord rec, boolean expectKeep, boolean kept, String detail) {}

  /**
   * For diagnosis on the tuning half: the rule after which each raw line is gone, running the chain one rule at a
   * time without the job's cross-document context ("site-boilerplate" shows up as kept here).
   */
  static String[] removedBy(CleanChain chain, String raw) {
    String[] rawLines = raw.split("\n", -1);
    String[] why = new String[rawLines.length + 1];
    String text = raw;
    for (Rule rule : chain.rules()) {
      RuleResult res = rule.apply(text);
      if (res instanceof RuleResult.Drop d) {
        for (int i = 1; i < why.length; i++) {
          if (why[i] == null) {
            why[i] = "doc:" + rule.name() + "=" + String.format(Locale.ROOT, "%.3f", d.value());
          }
        }
        return why;
      }
      if (res instanceof RuleResult.Edit e) {
        text = e.text();
        if (!(rule instanceof RewriteRule)) {
          boolean[] kept = new boolean[rawLines.length + 1];
          align(chain, rawLines, text.split("\n"), kept);
          for (int i = 1; i < why.length; i++) {
            if (!kept[i] && why[i] == null) {
              why[i] = rule.name();
            }
          }
        }
      }
    }
    var outcome = chain.process(raw);
    for (int i = 1; i < why.length; i++) {
      if (why[i] == null) {
        why[i] = outcome.kept() ? "(kept by the chain alone)"
            : "doc:" + outcome.reason() + "=" + String.format(Locale.ROOT, "%.3f", outcome.value());
      }
    }
    return why;
  }

  private CleanLabelEval() {}

  /** The project's root (the {@code project.root} property that bin/bench sets, else the working directory). */
  static Path projectRoot() {
    return Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
  }

  /** {@code ../shared/eval/dirty-web} next to the project, or empty with a message when it is absent. */
  static Optional<Path> dirtyWeb() {
    Path shared = projectRoot().resolveSibling("shared").resolve("eval/dirty-web");
    if (!Files.isDirectory(shared)) {
      System.err.println("skipped: " + shared + " is absent (../shared is not part of the repo)");
      return Optional.empty();
    }
    return Optional.of(shared);
  }

  public static void main(String[] args) throws Exception {
    Path root = projectRoot();
    Optional<Path> dirtyWeb = dirtyWeb();
    if (dirtyWeb.isEmpty()) {
      return;
    }
    Path shared = dirtyWeb.get();
    String show = args.length > 1 && args[0].equals("--show") ? args[1] : null;
    if ("held-out".equals(show) && !List.of(args).contains("--rules-frozen")) {
      // error analysis of the held-out half is for reporting once the rules are final, never for tuning
      throw new IllegalArgumentException("the held-out half is only counted: tune on the tuning half (for an error "
          + "analysis after the rules are final, add --rules-frozen)");
    }
    SparkSession spark = SparkSessions.getOrCreate("clean-label-eval", Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
    Result r = run(spark, root.resolve("samples/labels/dirty-web-lines.tsv"), shared,
        Files.createTempDirectory("clean-label-eval"));
    print(r, System.out);
    printSamples(classifierSamples(shared), System.out);
    if (show != null) {
      for (DocOutcome d : r.docs()) {
        if (d.rec().half().equals(show)) {
          System.out.printf("DOC %s %s#%d expected %s, %s (%s)%n", d.expectKeep() == d.kept() ? "ok   " : "WRONG",
              shortName(d.rec().file()), d.rec().record(), d.expectKeep() ? "keep" : "reject",
              d.kept() ? "kept" : "rejected", d.detail());
        }
      }
      CleanChain chain = CleanChainFactory.fromConfig(PipelineConfig.defaults().getConfig("clean"));
      Map<LabeledRecord, String[]> by = new HashMap<>();
      for (LineOutcome o : r.lines()) {
        boolean wrong = o.label().equals("content") != o.kept();
        if (wrong && o.rec().half().equals(show)) {
          String[] why = by.computeIfAbsent(o.rec(), rec -> removedBy(chain, r.rawText().get(rec)));
          System.out.printf("%s %s#%d:%d %s %s | %s%n", o.kept() ? "KEPT   " : "REMOVED", shortName(o.rec().file()),
              o.rec().record(), o.line(), o.label(), o.kept() ? "" : why[o.line()], o.text());
        }
      }
    }
  }

  static void print(Result r, java.io.PrintStream out) {
    out.println("| half | docs | lines content / boilerplate / spam | removal precision | removal recall "
        + "| content kept | noise removed by kind | document keep/reject agreement |");
    out.println("|---|---|---|---|---|---|---|---|");
    r.byHalf().forEach((half, c) -> out.println(c.row(half)));
    out.printf("output lines not aligned to a labeled input line: %d of %d%n", r.unalignedOutputLines(),
        r.outputLines());
  }

  /** Runs the clean job on the labeled files and scores it. */
  public static Result run(SparkSession spark, Path labelsTsv, Path dirtyWeb, Path work) throws IOException {
    Map<String, Map<Integer, LabeledRecord>> labels = readLabels(labelsTsv);
    List<String> inputs = labels.keySet().stream().map(f -> dirtyWeb.resolve(f).toString()).toList();
    var config = PipelineConfig.defaults();
    String output = work.resolve("out").toString();
    StageRunner.run(spark, new CleanJob(inputs, config), output, OutputPolicy.OVERWRITE, config);
    CleanChain chain = CleanChainFactory.fromConfig(config.getConfig("clean"));
    ReadOptions settings = ReadOptions.of(config, "clean.input");

    // kept/ and rejected/ rows are matched to the labeled records by id (the record's id field, else file:line)
    Map<String, String> keptText = new HashMap<>();
    Map<String, Double> scores = new HashMap<>();
    for (Row row : spark.read().parquet(output + "/kept").select("id", "text", "quality_score").collectAsList()) {
      keptText.put(row.getString(0), row.getString(1));
      scores.put(row.getString(0), row.getDouble(2));
    }
    Map<String, String> rejectedReason = new HashMap<>();
    for (Row row : spark.read().parquet(output + "/rejected").select("id", "reason").collectAsList()) {
      rejectedReason.put(row.getString(0), row.getString(1));
    }

    Map<String, Counts> byHalf = new TreeMap<>(java.util.Comparator.reverseOrder());  // tuning, then held-out
    List<LineOutcome> outcomes = new ArrayList<>();
    Map<LabeledRecord, String> rawText = new HashMap<>();
    List<DocOutcome> docs = new ArrayList<>();
    int unaligned = 0;
    int outputLines = 0;
    for (var fileEntry : labels.entrySet()) {
      String file = fileEntry.getKey();
      List<SourceRecord> records = records(dirtyWeb.resolve(file), settings);
      for (LabeledRecord rec : fileEntry.getValue().values()) {
        SourceRecord doc = records.get(rec.record());
        String source = doc.id();
        if (records.stream().filter(d -> source.equals(d.id())).count() != 1) {
          throw new IllegalStateException(file + " record " + rec.record() + ": id " + source + " is not unique");
        }
        String raw = doc.text() == null ? "" : doc.text();
        rawText.put(rec, raw);
        String[] rawLines = raw.split("\n", -1);
        String cleaned = keptText.get(source);
        if (cleaned == null && !rejectedReason.containsKey(source)) {
          throw new IllegalStateException("record " + source + " is in neither kept/ nor rejected/");
        }
        boolean[] kept = new boolean[rawLines.length + 1];
        if (cleaned != null) {
          String[] out = cleaned.split("\n");
          outputLines += out.length;
          unaligned += align(chain, rawLines, out, kept);
        }
        Counts c = byHalf.computeIfAbsent(rec.half(), h -> new Counts());
        for (int i = 1; i <= rawLines.length; i++) {
          String label = rec.labels().get(i);
          if (rawLines[i - 1].isBlank()) {
            continue;
          }
          if (label == null) {
            throw new IllegalStateException(source + " line " + i + " has text but no label: labels out of date?");
          }
          outcomes.add(new LineOutcome(rec, i, label, kept[i], rawLines[i - 1]));
          switch (label) {
            case "content" -> { if (kept[i]) c.contentKept++; else c.contentRemoved++; }
            case "boilerplate" -> { if (kept[i]) c.boilerplateKept++; else c.boilerplateRemoved++; }
            case "spam" -> { if (kept[i]) c.spamKept++; else c.spamRemoved++; }
            default -> throw new IllegalStateException("unknown label " + label);
          }
        }
        boolean expectKeep = rec.labels().containsValue("content");
        docs.add(new DocOutcome(rec, expectKeep, cleaned != null,
            cleaned != null ? String.format(Locale.ROOT, "score %.3f", scores.get(source)) : rejectedReason.get(source)));
        c.docs++;
        if (expectKeep == (cleaned != null)) {
          c.docsAgree++;
        } else if (cleaned != null) {
          c.docsKeptExpectedRejected++;
        } else {
          c.docsRejectedExpectedKept++;
        }
      }
    }
    return new Result(byHalf, outcomes, unaligned, outputLines, rawText, docs);
  }

  /**
   * Marks which raw lines survived: every output line is matched, in order, to the next raw line that becomes it
   * under the chain's text rewrites (normalization, full-width, traditional → simplified …). A line edited inside
   * (PII masks, removed spam words) still matches on its Han characters or its beginning. Returns the number of
   * output lines that matched no raw line.
   */
  static int align(CleanChain chain, String[] rawLines, String[] out, boolean[] kept) {
    String[] norm = new String[rawLines.length];
    for (int i = 0; i < rawLines.length; i++) {
      norm[i] = rewrite(chain, rawLines[i]).strip();
    }
    int from = 0;
    int unaligned = 0;
    for (String o : out) {
      String line = o.strip();
      if (line.isEmpty()) {
        continue;
      }
      int found = -1;
      for (int pass = 0; pass < 2 && found < 0; pass++) {
        for (int i = Math.max(0, from - 1); i < norm.length; i++) {
          if (pass == 0 ? norm[i].equals(line) : similar(norm[i], line)) {
            found = i;
            break;
          }
        }
      }
      if (found < 0) {
        unaligned++;
        continue;
      }
      kept[found + 1] = true;
      from = found + 1;
    }
    return unaligned;
  }

  private static boolean similar(String raw, String out) {
    String a = hanOnly(raw);
    String b = hanOnly(out);
    if (!b.isEmpty() && a.equals(b)) {
      return true;
    }
    int n = Math.min(out.length(), 12);
    return n >= 6 && raw.contains(out.substring(0, n)) || b.length() >= 4 && 2 * b.length() >= a.length()
        && isSubsequence(b, a);
  }

  /** Spans cut out of a line (spam words) leave its Han characters a subsequence of the original's. */
  private static boolean isSubsequence(String part, String whole) {
    int j = 0;
    for (int i = 0; i < whole.length() && j < part.length(); i++) {
      if (whole.charAt(i) == part.charAt(j)) {
        j++;
      }
    }
    return j == part.length();
  }

  private static String hanOnly(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
        .forEach(b::appendCodePoint);
    return b.toString();
  }

  private static String rewrite(CleanChain chain, String text) {
    for (Rule rule : chain.rules()) {
      if (rule instanceof RewriteRule) {
        RuleResult r = rule.apply(text);
        if (r instanceof RuleResult.Edit e) {
          text = e.text();
        }
      }
    }
    return text;
  }

  /**
   * Documents of one file judged as a whole by someone else: ChineseWebText's samples for its quality classifier
   * ({@code fasttext_clean.jsonl}: pages its authors call clean, {@code fasttext_dirty.jsonl}: low quality). Through the
   * rule chain (no cross-document rule: ten records share no site): how many come out kept, and the share of their
   * non-space characters that survives.
   */
  public record DocSample(String file, int docs, int kept, double charsKept) {
    String row() {
      return String.format(Locale.ROOT, "| %s | %d | %d | %.3f |", file, docs, kept, charsKept);
    }
  }

  /** The two classifier sample files under {@code dirtyWeb}, clean first; none when they are absent. */
  public static List<DocSample> classifierSamples(Path dirtyWeb) throws IOException {
    CleanChain chain = CleanChainFactory.fromConfig(PipelineConfig.defaults().getConfig("clean"));
    ReadOptions settings = ReadOptions.of(PipelineConfig.defaults(), "clean.input");
    List<DocSample> out = new ArrayList<>();
    for (String name : List.of("fasttext_clean.jsonl", "fasttext_dirty.jsonl")) {
      Path file = dirtyWeb.resolve("chinesewebtext-samples").resolve(name);
      if (!Files.isRegularFile(file)) {
        continue;
      }
      int docs = 0;
      int kept = 0;
      long before = 0;
      long after = 0;
      for (SourceRecord rec : records(file, settings)) {
        String text = rec.text() == null ? "" : rec.text();
        var outcome = chain.process(text);
        docs++;
        long n = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        before += n;
        if (outcome.kept()) {
          kept++;
          after += Math.min(n, outcome.text().codePoints().filter(c -> !Character.isWhitespace(c)).count());
        }
      }
      out.add(new DocSample(name, docs, kept, Counts.ratio(after, before)));
    }
    return out;
  }

  static void printSamples(List<DocSample> samples, java.io.PrintStream out) {
    if (samples.isEmpty()) {
      return;
    }
    out.println();
    out.println("| ChineseWebText classifier samples | docs | kept | non-space characters kept |");
    out.println("|---|---|---|---|");
    samples.forEach(d -> out.println(d.row()));
  }

  /** The file's records exactly as the clean job's reader yields them (the record index is the position). */
  static List<SourceRecord> records(Path file, ReadOptions settings) throws IOException {
    List<SourceRecord> out = new ArrayList<>();
    try (var in = Files.newInputStream(file)) {
      new RecordReader(settings).file(in, file.getFileName().toString(), InputFormat.BY_NAME, () -> null)
          .forEachRemaining(out::add);
    }
    return out;
  }

  static String shortName(String file) {
    return file.substring(file.lastIndexOf('/') + 1);
  }

  static Map<String, Map<Integer, LabeledRecord>> readLabels(Path tsv) throws IOException {
    Map<String, Map<Integer, LabeledRecord>> byFile = new LinkedHashMap<>();
    boolean header = true;
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] f = line.split("\t");
      int record = Integer.parseInt(f[1]);
      LabeledRecord rec = byFile.computeIfAbsent(f[0], k -> new TreeMap<>())
          .computeIfAbsent(record, r -> new LabeledRecord(f[0], r, f[4], new TreeMap<>()));
      rec.labels().put(Integer.parseInt(f[2]), f[3]);
    }
    return byFile;
  }

  /** The evaluated files' distinct (file, record) keys, for the test's sanity checks. */
  static TreeSet<String> keys(Map<String, Map<Integer, LabeledRecord>> labels) {
    TreeSet<String> keys = new TreeSet<>();
    labels.forEach((f, recs) -> recs.keySet().forEach(r -> keys.add(f + "#" + r)));
    return keys;
  }
}
