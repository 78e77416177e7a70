package io.corpusforge.clean;

import com.typesafe.config.Config;
import io.corpusforge.cli.PipelineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the chain named by {@code clean.chain} from the {@code clean} section of the config. Each name maps to
 * one rule; its settings sit under {@code clean.<name>}. Lists are read here, on the driver, so a user's own list
 * file needs to exist only where the job is launched.
 */
public final class CleanChainFactory {
  private CleanChainFactory() {}

  public static CleanChain fromConfig(Config clean) {
    List<Rule> rules = new ArrayList<>();
    for (String name : clean.getStringList("chain")) {
      rules.add(rule(name, clean));
    }
    Config q = clean.getConfig("quality");
    return new CleanChain(rules, new QualityScore(lineShape(clean), q.getInt("prose-long-line-chars"),
        q.getDouble("survived-weight"), q.getDouble("han-weight"), q.getDouble("prose-weight"),
        q.getDouble("min-score")));
  }

  /** The line shape thresholds the shape rules and the quality score share ({@code clean.line-shape}). */
  public static LineShape lineShape(Config clean) {
    Config c = clean.getConfig("line-shape");
    return new LineShape(c.getInt("body-min-chars"), c.getInt("body-long-chars"), c.getInt("headline-max-chars"),
        c.getDouble("headline-min-han-share"), c.getInt("teaser-min-chars"),
        LineShape.specPattern(c.getStringList("spec-units"), c.getStringList("spec-keys")),
        LineShape.anyOf(c.getStringList("lead-in-words")));
  }

  private static LinkFarmRule linkFarm(String name, Config clean) {
    Config c = clean.getConfig("link-farm-lines");
    return new LinkFarmRule(name, c.getInt("min-items"), c.getDouble("max-mean-item-chars"),
        c.getInt("max-item-chars"), c.getDouble("min-han-item-share"));
  }

  private static Rule rule(String name, Config clean) {
    Config c = clean.hasPath(name) ? clean.getConfig(name) : com.typesafe.config.ConfigFactory.empty();
    return switch (name) {
      case "html" -> new RewriteRule(name, new HtmlStripper());
      case "html-entities" -> new RewriteRule(name, HtmlEntities::decode);
      case "mojibake" -> new RewriteRule(name, Normalizers.MOJIBAKE);
      case "invisible-chars" -> new RewriteRule(name, Normalizers.INVISIBLE_CHARS);
      case "unicode-nfc" -> new RewriteRule(name, Normalizers.NFC);
      case "fullwidth" -> new RewriteRule(name, Normalizers.fullwidthToHalfwidth(c.getString("extra-chars")));
      case "traditional-to-simplified" -> new RewriteRule(name, Normalizers.TRADITIONAL_TO_SIMPLIFIED);
      case "pinyin-annotations" -> new RewriteRule(name, Normalizers.PINYIN_ANNOTATIONS);
      case "whitespace" -> new RewriteRule(name, Normalizers.WHITESPACE);
      case "boilerplate-lines" -> new LinePatternRule(name,
          PipelineConfig.readList(c.getString("patterns")), c.getInt("max-line-chars"),
          c.getDouble("reject-doc-above-share"));
      case "spam-lines" -> new SpamLinesRule(name, PipelineConfig.readList(c.getString("patterns")),
          c.getDouble("line-min-share"), c.getDouble("reject-doc-above-share"), linkFarm(name, clean));
      case "site-boilerplate" -> new SiteBoilerplateRule(name);
      case "edge-lines" -> new EdgeLinesRule(name, lineShape(clean), c.getInt("max-han"), c.getInt("title-min-han"),
          c.getInt("title-max-chars"), c.getDouble("title-min-han-share"), c.getInt("feature-max-han"));
      case "headline-runs" -> new HeadlineRunsRule(name, lineShape(clean), c.getInt("min-run"),
          c.getInt("item-max-chars"));
      case "link-farm-lines" -> linkFarm(name, clean);
      case "teaser-lines" -> new TeaserLinesRule(name, c.getInt("min-chars"));
      case "non-content-lines" -> new NonContentLinesRule(name, lineShape(clean), c.getDouble("min-word-share"));
      case "short-line-runs" -> new ShortLineRunsRule(name, c.getInt("max-chars"), c.getInt("min-run"));
      case "template-lines" -> new TemplateLinesRule(name, c.getInt("prefix-chars"), c.getInt("min-lines"));
      case "repeated-lines" -> new RepeatedLinesRule(name, c.getInt("min-chars"), c.getDouble("reject-doc-above-share"));
      case "pii" -> new PiiMasker(c.getEnumList(PiiMasker.Type.class, "types")).asRule(name);
      case "min-chinese-chars" -> filter(name, c, text -> TextMetrics.hanChars(text));
      case "chinese-ratio" -> filter(name, c, TextMetrics::hanRatio);
      case "symbol-ratio" -> filter(name, c, TextMetrics::symbolRatio);
      case "digit-ratio" -> filter(name, c, TextMetrics::digitRatio);
      case "mean-line-length" -> filter(name, c, TextMetrics::meanLineLength);
      case "duplicate-ngram-ratio" -> {
        int n = c.getInt("n");
        yield filter(name, c, text -> TextMetrics.duplicateNgramCharRatio(text, n));
      }
      case "bad-word-density" -> {
        WordMatcher words = new WordMatcher(PipelineConfig.readList(c.getString("words")));
        // matches per 1,000 characters, so long and short documents are judged alike
        yield filter(name, c, text -> text.isEmpty() ? 0 : 1000.0 * words.count(text) / text.length());
      }
      default -> throw new IllegalArgumentException("clean.chain names an unknown rule '" + name + "'");
    };
  }

  private static Rule filter(String name, Config c, ThresholdFilter.Metric metric) {
    double min = c.hasPath("min") ? c.getDouble("min") : Double.NEGATIVE_INFINITY;
    double max = c.hasPath("max") ? c.getDouble("max") : Double.POSITIVE_INFINITY;
    return new ThresholdFilter(name, metric, min, max);
  }
}
