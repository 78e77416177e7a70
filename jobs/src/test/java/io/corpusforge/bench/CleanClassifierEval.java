package io.corpusforge.bench;

import io.corpusforge.clean.CleanChain;
import io.corpusforge.clean.CleanChainFactory;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Issue 16's optional classifier, measured: does a line classifier trained on Spark (Spark ML logistic regression
 * over hashed character 1–3-grams of the normalized line, its shape, its position, and which rule removed it) add
 * anything to the rules on the hand-labeled pages? Trained on the tuning half only; its decision thresholds chosen
 * by 5-fold cross-validation within the tuning half (folds by record); the held-out half is only counted, once.
 *
 * <p>Two ways to combine it with the rules, each with one threshold: <b>rescue</b> — a line a line rule removed
 * stays when the classifier's P(content) ≥ t (whole documents rejected by a document filter are not rescued);
 * <b>extra</b> — a line the rules kept goes when P(noise) ≥ t. Run: {@code bin/bench clean-classifier [REG=0.01]}
 * (REG: the L2 regularization). Results in docs/benchmarks.md: it adds nothing on these pages.
 */
public final class CleanClassifierEval {
  private static final StructType SCHEMA = new StructType()
      .add("label", DataTypes.DoubleType, false)
      .add("tokens", DataTypes.createArrayType(DataTypes.StringType), false);

  /** A labeled line with what the rules did and its features. */
  record Line(String half, int fold, boolean content, boolean keptByRules, boolean docRejected, List<String> tokens) {}

  private CleanClassifierEval() {}

  public static void main(String[] args) throws Exception {
    Optional<Path> shared = CleanLabelEval.dirtyWeb();
    if (shared.isEmpty()) {
      return;
    }
    double regParam = args.length > 0 ? Double.parseDouble(args[0]) : 0.01;
    SparkSession spark = SparkSessions.getOrCreate("clean-classifier-eval", Optional.of("local[2]"));
    spark.sparkContext().setLogLevel("WARN");
    Path labels = CleanLabelEval.projectRoot().resolve("samples/labels/dirty-web-lines.tsv");
    CleanLabelEval.Result r = CleanLabelEval.run(spark, labels, shared.get(),
        Files.createTempDirectory("clean-classifier-eval"));
    List<Line> lines = lines(r);
    double[] ts = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95};

    // cross-validation within the tuning half: every tuning line scored by a model that did not see its record
    List<Line> tuning = lines.stream().filter(l -> l.half().equals("tuning")).toList();
    double[] cvScore = new double[tuning.size()];
    for (int fold = 0; fold < 5; fold++) {
      int f = fold;
      PipelineModel m = train(spark, tuning.stream().filter(l -> l.fold() != f).toList(), regParam);
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < tuning.size(); i++) {
        if (tuning.get(i).fold() == f) {
          idx.add(i);
        }
      }
      double[] p = score(spark, m, idx.stream().map(tuning::get).toList());
      for (int k = 0; k < idx.size(); k++) {
        cvScore[idx.get(k)] = p[k];
      }
    }
    System.out.println("tuning half, 5-fold cross-validation (P = P(noise) from a model without the line's record):");
    report(tuning, cvScore, ts);

    List<Line> heldOut = lines.stream().filter(l -> l.half().equals("held-out")).toList();
    PipelineModel m = train(spark, tuning, regParam);
    System.out.println("held-out half, model trained on the whole tuning half:");
    report(heldOut, score(spark, m, heldOut), ts);
  }

  static void report(List<Line> lines, double[] pNoise, double[] ts) {
    long lost = lines.stream().filter(l -> l.content() && !l.keptByRules()).count();
    long lostWithDoc = lines.stream().filter(l -> l.content() && !l.keptByRules() && l.docRejected()).count();
    System.out.printf("content lines the rules remove: %d, of them in documents rejected as a whole: %d%n", lost,
        lostWithDoc);
    System.out.println("| combination | threshold | removal precision | removal recall | content kept |");
    System.out.println("|---|---|---|---|---|");
    row("rules", "", lines, i -> !lines.get(i).keptByRules());
    row("classifier alone", "0.5", lines, i -> pNoise[i] >= 0.5);
    for (double t : ts) {
      row("rules + rescue", "P(content) >= " + t, lines, i -> !lines.get(i).keptByRules()
          && (lines.get(i).docRejected() || 1 - pNoise[i] < t));
    }
    for (double t : ts) {
      row("rules + rescue, also in rejected documents", "P(content) >= " + t, lines,
          i -> !lines.get(i).keptByRules() && 1 - pNoise[i] < t);
    }
    for (double t : ts) {
      row("rules + extra", "P(noise) >= " + t, lines, i -> !lines.get(i).keptByRules() || pNoise[i] >= t);
    }
  }

  private static void row(String name, String t, List<Line> lines, java.util.function.IntPredicate removed) {
    long contentKept = 0;
    long contentRemoved = 0;
    long noiseRemoved = 0;
    long noiseKept = 0;
    for (int i = 0; i < lines.size(); i++) {
      boolean rm = removed.test(i);
      if (lines.get(i).content()) {
        if (rm) contentRemoved++; else contentKept++;
      } else {
        if (rm) noiseRemoved++; else noiseKept++;
      }
    }
    System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.3f |%n", name, t,
        (double) noiseRemoved / (noiseRemoved + contentRemoved), (double) noiseRemoved / (noiseRemoved + noiseKept),
        (double) contentKept / (contentKept + contentRemoved));
  }

  static PipelineModel train(SparkSession spark, List<Line> lines, double regParam) {
    Dataset<Row> df = frame(spark, lines);
    HashingTF tf = new HashingTF().setInputCol("tokens").setOutputCol("features").setNumFeatures(1 << 18)
        .setBinary(true);
    LogisticRegression lr = new LogisticRegression().setRegParam(regParam).setElasticNetParam(0).setMaxIter(100);
    return new org.apache.spark.ml.Pipeline().setStages(new org.apache.spark.ml.PipelineStage[] {tf, lr}).fit(df);
  }

  static double[] score(SparkSession spark, PipelineModel m, List<Line> lines) {
    List<Row> rows = m.transform(frame(spark, lines)).select("probability").collectAsList();
    double[] p = new double[rows.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = ((Vector) rows.get(i).get(0)).apply(1);
    }
    return p;
  }

  private static Dataset<Row> frame(SparkSession spark, List<Line> lines) {
    List<Row> rows = new ArrayList<>();
    for (Line l : lines) {
      rows.add(RowFactory.create(l.content() ? 0.0 : 1.0, l.tokens().toArray(String[]::new)));
    }
    return spark.createDataFrame(rows, SCHEMA).coalesce(1);
  }

  static List<Line> lines(CleanLabelEval.Result r) {
    CleanChain chain = CleanChainFactory.fromConfig(PipelineConfig.defaults().getConfig("clean"));
    Map<CleanLabelEval.LabeledRecord, String[]> why = new HashMap<>();
    Map<CleanLabelEval.LabeledRecord, Integer> counts = new HashMap<>();
    for (CleanLabelEval.LineOutcome o : r.lines()) {
      counts.merge(o.rec(), 1, Integer::sum);
    }
    Map<CleanLabelEval.LabeledRecord, Boolean> docRejected = new HashMap<>();
    for (CleanLabelEval.DocOutcome d : r.docs()) {
      docRejected.put(d.rec(), !d.kept());
    }
    List<Line> out = new ArrayList<>();
    Map<CleanLabelEval.LabeledRecord, Integer> position = new HashMap<>();
    for (CleanLabelEval.LineOutcome o : r.lines()) {
      String[] removedBy = why.computeIfAbsent(o.rec(), rec -> CleanLabelEval.removedBy(chain, r.rawText().get(rec)));
      int pos = position.merge(o.rec(), 1, Integer::sum);
      int n = counts.get(o.rec());
      String rule = o.kept() ? "kept" : removedBy[o.line()];
      boolean docRule = rule != null && rule.startsWith("doc:");
      List<String> tokens = tokens(normalized(chain, o.text()), pos, n, docRule ? rule.substring(0, rule.indexOf('='))
          : rule);
      int fold = Math.floorMod((o.rec().file() + "#" + o.rec().record()).hashCode() * 0x9E3779B1, 5);
      out.add(new Line(o.rec().half(), fold, o.label().equals("content"), o.kept(),
          docRejected.get(o.rec()), tokens));
    }
    return out;
  }

  private static String normalized(CleanChain chain, String raw) {
    try {
      return chain.normalize(raw).strip();
    } catch (RuntimeException e) {
      return raw.strip();
    }
  }

  /** Character 1–3-grams, the line's shape (length, ending, Han/digit share) and position, and the rule's verdict. */
  static List<String> tokens(String line, int pos, int n, String rule) {
    List<String> t = new ArrayList<>();
    int[] cps = line.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      t.add("1:" + new String(cps, i, 1));
      if (i + 1 < cps.length) {
        t.add("2:" + new String(cps, i, 2));
      }
      if (i + 2 < cps.length) {
        t.add("3:" + new String(cps, i, 3));
      }
    }
    int han = 0;
    int digits = 0;
    for (int cp : cps) {
      if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
        han++;
      } else if (Character.isDigit(cp)) {
        digits++;
      }
    }
    int len = Math.max(1, cps.length);
    t.add("len:" + (32 - Integer.numberOfLeadingZeros(cps.length)));
    t.add("han:" + (10 * han / len));
    t.add("digit:" + (10 * digits / len));
    t.add("end:" + (cps.length == 0 ? "none" : "。！？；…”」）.!?".indexOf(cps[cps.length - 1]) >= 0 ? "sentence"
        : "：:".indexOf(cps[cps.length - 1]) >= 0 ? "colon" : "other"));
    t.add("pos:" + (pos == 1 ? "first" : pos == n ? "last" : pos <= 3 ? "head" : pos > n - 3 ? "tail" : "middle"));
    t.add("rule:" + rule);
    return t;
  }
}
