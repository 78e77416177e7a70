package io.corpusforge.jobs.nightly;

import io.corpusforge.jobs.stage.StageException;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code nightly.*} of conf/nightly.conf, bound once. */
public record NightlySettings(String root, List<String> corpus, List<String> products, String summaryMethod,
    Optional<String> model, String modelHint, PlaceholderModel.Shape placeholder, List<Integer> lengthBins,
    int maxListedTexts, int topWords, long hashMaxBytes) {

  public static NightlySettings from(Config config) {
    Config n = config.getConfig("nightly");
    String model = n.getString("generate.model").strip();
    String method = n.getString("generate.summary-method");
    if (!method.equals("extractive") && !method.equals("llm")) {
      throw new StageException("nightly.generate.summary-method must be extractive or llm, got " + method);
    }
    List<Integer> bins = n.getIntList("report.length-bins");
    for (int i = 1; i < bins.size(); i++) {
      if (bins.get(i) <= bins.get(i - 1)) {
        throw new StageException("nightly.report.length-bins must increase, got " + bins);
      }
    }
    return new NightlySettings(n.getString("root"), n.getStringList("corpus"), n.getStringList("products"), method,
        model.isEmpty() ? Optional.empty() : Optional.of(model), n.getString("generate.model-hint"),
        PlaceholderModel.Shape.from(n.getConfig("generate.placeholder")), bins, n.getInt("report.max-listed-texts"),
        n.getInt("report.top-words"), n.getBytes("fingerprint.hash-max-bytes"));
  }

  /** The leaf settings under the given config paths, as "path=value" strings: a stage fingerprint's settings. */
  public static Map<String, String> flatten(Config config, List<String> paths) {
    Map<String, String> out = new TreeMap<>();
    for (String p : paths) {
      if (!config.hasPath(p)) {
        continue;
      }
      ConfigValue v = config.getValue(p);
      if (v instanceof com.typesafe.config.ConfigObject obj) {
        for (Map.Entry<String, ConfigValue> e : obj.toConfig().entrySet()) {
          out.put(p + "." + e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
        }
      } else {
        out.put(p, v.render(ConfigRenderOptions.concise()));
      }
    }
    return out;
  }
}
