package io.corpusforge.bench;

import io.corpusforge.clean.CleanChain;
import io.corpusforge.clean.CleanChainFactory;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.io.SourceRecord;
import java.nio.file.Path;

/**
 * Shows, for every record of the given files, each line the chain removes and the rule that removed it (or the
 * rule that rejected the document): {@code bin/bench clean-explain FILE...}. Runs the chain alone, so
 * site-boilerplate (which needs the job's cross-document counts) removes nothing here. Records of the labeled set's
 * held-out half ({@code samples/labels}) are not shown: that half is for counting, never for tuning.
 */
public final class CleanExplain {
  private CleanExplain() {}

  public static void main(String[] args) throws Exception {
    var clean = PipelineConfig.defaults().getConfig("clean");
    CleanChain chain = CleanChainFactory.fromConfig(clean);
    ReadOptions settings = ReadOptions.of(PipelineConfig.defaults(), "clean.input");
    Path root = Path.of(System.getProperty("project.root", ".")).toAbsolutePath().normalize();
    var labels = CleanLabelEval.readLabels(root.resolve("samples/labels/dirty-web-lines.tsv"));
    for (String file : args) {
      Path path = Path.of(file).toAbsolutePath().normalize();
      var labeled = labels.entrySet().stream().filter(e -> path.endsWith(e.getKey())).map(e -> e.getValue())
          .findFirst().orElse(java.util.Map.of());
      int hidden = 0;
      int index = -1;
      for (SourceRecord doc : CleanLabelEval.records(path, settings)) {
        index++;
        var rec = labeled.get(index);
        if (rec != null && rec.half().equals("held-out")) {
          hidden++;
          continue;
        }
        if (doc.text() == null || doc.rejected()) {
          continue;
        }
        String[] lines = doc.text().split("\n", -1);
        String[] why = CleanLabelEval.removedBy(chain, doc.text());
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < why.length; i++) {
          if (!lines[i - 1].isBlank() && !why[i].startsWith("(kept")) {
            out.append(String.format("  %d %s | %s%n", i, why[i], lines[i - 1].strip()));
          }
        }
        if (!out.isEmpty()) {
          System.out.println("== #" + index + " " + doc.id() + (rec != null ? " (labeled, " + rec.half() + ")" : ""));
          System.out.print(out);
        }
      }
      if (hidden > 0) {
        System.out.println("(" + hidden + " records of the held-out half not shown)");
      }
    }
  }
}
