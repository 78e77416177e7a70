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
 * site-boilerplate (which needs the job's cross-document counts) removes nothing here.
 */
public final class CleanExplain {
  private CleanExplain() {}

  public static void main(String[] args) throws Exception {
    var clean = PipelineConfig.defaults().getConfig("clean");
    CleanChain chain = CleanChainFactory.fromConfig(clean);
    ReadOptions settings = ReadOptions.of(PipelineConfig.defaults(), "clean.input");
    for (String file : args) {
      for (SourceRecord doc : CleanLabelEval.records(Path.of(file), settings)) {
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
          System.out.println("== " + doc.id());
          System.out.print(out);
        }
      }
    }
  }
}
