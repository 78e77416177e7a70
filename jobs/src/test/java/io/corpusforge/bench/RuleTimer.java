package io.corpusforge.bench;

import io.corpusforge.clean.CleanChainFactory;
import io.corpusforge.clean.Rule;
import io.corpusforge.clean.RuleResult;
import io.corpusforge.cli.PipelineConfig;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Time spent in each rule of the default chain over a list of documents (no Spark): where the cost is. */
public final class RuleTimer {
  private RuleTimer() {}

  public static Map<String, Double> secondsPerRule(List<String> docs) throws Exception {
    var chain = CleanChainFactory.fromConfig(PipelineConfig.defaults().getConfig("clean"));
    List<Rule> rules = chain.rules();
    Map<String, Double> seconds = new LinkedHashMap<>();
    rules.forEach(r -> seconds.put(r.name(), 0.0));
    for (String doc : docs) {
      String text = doc;
      for (Rule r : rules) {
        long t0 = System.nanoTime();
        RuleResult res = r.apply(text);
        seconds.merge(r.name(), (System.nanoTime() - t0) / 1e9, Double::sum);
        if (res instanceof RuleResult.Edit e) {
          text = e.text();
        } else if (res instanceof RuleResult.Drop) {
          break;
        }
      }
    }
    return seconds;
  }

  public static void main(String[] args) throws Exception {
    List<String> docs = new java.util.ArrayList<>();
    for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[0]), StandardCharsets.UTF_8)) {
      var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      var t = node.has("text") ? node.get("text") : node.get("raw_content");
      if (t != null) {
        docs.add(t.asText());
      }
    }
    long bytes = docs.stream().mapToLong(d -> d.getBytes(StandardCharsets.UTF_8).length).sum();
    for (int round = 0; round < 3; round++) {
      Map<String, Double> s = secondsPerRule(docs);
      double total = s.values().stream().mapToDouble(Double::doubleValue).sum();
      System.out.printf("round %d: %d docs, %.1f MB, %.2f s, %.2f MB/s%n", round, docs.size(), bytes / 1e6, total,
          bytes / 1e6 / total);
      if (round == 2) {
        s.forEach((k, v) -> System.out.printf("  %-28s %7.3f s%n", k, v));
      }
    }
  }
}
