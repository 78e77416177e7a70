package io.corpusforge.jobs.generate.summary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.generate.SharedEval;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Scores extractive summaries (TextRank and the lead baseline) with character-level ROUGE on LCSTS and CSL from
 * ../shared; prints a Markdown table (the numbers in docs/benchmarks.md (generate section)) and checks they are sane.
 */
class ExtractiveRougeEvaluationTest {
  record Pair(String document, String reference) {}

  @Test
  void lcsts() throws IOException {
    // LCSTS rows: summary \t text
    evaluate("LCSTS test", read(SharedEval.require("eval/summaries-lcsts/test.tsv"), 1, 0), new int[] {20, 30, 60});
  }

  @Test
  void csl() throws IOException {
    // CSL "to title" rows: task \t abstract \t title
    evaluate("CSL dev (abstract -> title)", read(SharedEval.require("eval/summaries-csl/dev.tsv"), 1, 2),
        new int[] {20, 30, 60});
  }

  private static List<Pair> read(Path file, int docCol, int refCol) throws IOException {
    List<Pair> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t", -1);
      if (f.length > Math.max(docCol, refCol)) {
        out.add(new Pair(f[docCol], f[refCol]));
      }
    }
    return out;
  }

  private static void evaluate(String name, List<Pair> pairs, int[] limits) {
    assertTrue(pairs.size() >= 100, "too few pairs in " + name);
    StringBuilder table = new StringBuilder();
    table.append("\n### ").append(name).append(" (").append(pairs.size()).append(" pairs)\n\n");
    table.append("| method | max chars | ROUGE-1 | ROUGE-2 | ROUGE-L | mean summary chars |\n|---|---|---|---|---|---|\n");
    try (ChineseWords words = new ChineseWords(new HashSet<>(PipelineConfig.readList("generate/summary-stopwords.txt")))) {
      ExtractiveSummarizer textRank = new ExtractiveSummarizer(words, new TextRank(0.85, 100, 1e-6));
      for (int limit : limits) {
        double[] tr = row(table, "TextRank", limit, pairs, textRank::summarize);
        double[] lead = row(table, "Lead", limit, pairs, ExtractiveSummarizer::lead);
        // sanity floors well above what unrelated text scores (~0.05 ROUGE-L) and below what both methods reach
        assertTrue(tr[2] > 0.12 && lead[2] > 0.12, name + " ROUGE-L too low: " + tr[2] + " / " + lead[2]);
      }
    }
    System.out.println(table);
  }

  private static double[] row(StringBuilder table, String method, int limit, List<Pair> pairs,
      BiFunction<String, Integer, String> summarize) {
    double r1 = 0;
    double r2 = 0;
    double rl = 0;
    long chars = 0;
    for (Pair p : pairs) {
      String summary = summarize.apply(p.document(), limit);
      Rouge.Scores s = Rouge.score(summary, p.reference());
      r1 += s.rouge1();
      r2 += s.rouge2();
      rl += s.rougeL();
      chars += summary.codePointCount(0, summary.length());
    }
    int n = pairs.size();
    table.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f | %.4f | %.1f |%n", method, limit, r1 / n,
        r2 / n, rl / n, (double) chars / n));
    return new double[] {r1 / n, r2 / n, rl / n};
  }
}
