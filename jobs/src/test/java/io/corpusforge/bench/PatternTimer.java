package io.corpusforge.bench;

import io.corpusforge.cli.PipelineConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Time of each pattern of a line list over the lines of a JSONL corpus: finds the slow pattern. */
public final class PatternTimer {
  public static void main(String[] args) throws Exception {
    List<String> lines = new ArrayList<>();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String l : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
      var n = json.readTree(l);
      var t = n.has("text") ? n.get("text") : n.get("raw_content");
      if (t != null) {
        for (String x : t.asText().split("\n")) {
          lines.add(x.strip());
        }
      }
    }
    for (int round = 0; round < 2; round++) {
      for (String p : PipelineConfig.readList(args[1])) {
        Pattern pattern = Pattern.compile(p);
        long t0 = System.nanoTime();
        int hits = 0;
        for (String line : lines) {
          if (pattern.matcher(line).find()) {
            hits++;
          }
        }
        if (round == 1) {
          System.out.printf("%8.3f s %6d hits  %s%n", (System.nanoTime() - t0) / 1e9, hits,
              p.substring(0, Math.min(60, p.length())));
        }
      }
    }
  }
}
