package io.corpusforge.jobs.generate;

import com.typesafe.config.Config;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.clean.PiiMasker;
import io.corpusforge.inference.EngineOptions;
import io.corpusforge.inference.spark.EngineService;
import io.corpusforge.inference.SamplingParams;
import io.corpusforge.jobs.generate.check.CopyChecks;
import io.corpusforge.jobs.generate.check.ExtremeWords;
import io.corpusforge.jobs.generate.prompt.CopyPlan;
import io.corpusforge.jobs.generate.prompt.CopySpec;
import io.corpusforge.jobs.generate.prompt.PromptTemplate;
import io.corpusforge.jobs.generate.summary.TextRank;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code generate} section of the configuration, read once into typed values. Built on the driver to validate
 * (a bad template or list fails before Spark starts) and again on each executor from the same rendered config.
 */
public record GenerateSettings(Task task, List<CopyPlan> plans, CopyChecks checks, CopyChecks.Policy checkPolicy,
    EngineOptions engineOptions, int batchRows, int maxFieldChars, int partitions, int summaryMaxChars,
    int chunkTokens, int maxReduceRounds, List<String> summaryStopWords, TextRank textRank, int progressSeconds) {

  /** What the job generates. */
  public enum Task {
    PRODUCT_COPY,
    SUMMARY;

    /** As typed on the command line and written to the {@code task} column. */
    public final String cliName = EnumNames.name(this);

    public static Task parse(String s) {
      return EnumNames.parse(Task.class, "task", s);
    }
  }

  /** Placeholders the job fills from input rows. */
  public static final Set<String> FIELDS =
      Set.of("title", "category", "brand", "attributes", "description", "price", "text");

  public static GenerateSettings from(Config root, Task task) {
    Config g = root.getConfig("generate");
    boolean chat = g.getBoolean("chat");
    Config sampling = g.getConfig("sampling");
    List<CopyPlan> plans = new ArrayList<>();
    int summaryMaxChars = g.getInt("summary.max-chars");
    if (task == Task.PRODUCT_COPY) {
      Config types = g.getConfig("product-copy.types");
      for (String name : g.getStringList("product-copy.copy-types")) {
        if (!types.hasPath(quoted(name))) {
          throw new IllegalArgumentException("generate.product-copy.copy-types names '" + name
              + "' but generate.product-copy.types has no such entry (has: " + types.root().keySet() + ")");
        }
        plans.add(plan(name, types.getConfig(quoted(name)), sampling, chat, 0));
      }
      if (plans.isEmpty()) {
        throw new IllegalArgumentException("generate.product-copy.copy-types is empty");
      }
    } else {
      plans.add(plan("summary", g.getConfig("summary"), sampling, chat, summaryMaxChars));
    }
    Config c = g.getConfig("checks");
    List<PiiMasker.Type> piiTypes = c.getStringList("pii-types").stream()
        .map(s -> PiiMasker.Type.valueOf(s.toUpperCase(Locale.ROOT))).toList();
    CopyChecks checks = new CopyChecks(
        new ExtremeWords(PipelineConfig.readList(c.getString("extreme-words")),
            PipelineConfig.readList(c.getString("extreme-words-allowed"))),
        new PiiMasker(piiTypes), c.getInt("repetition-ngram"), c.getDouble("repetition-min-distinct"),
        c.getInt("repetition-min-chars"));
    Config e = g.getConfig("engine");
    Config x = g.getConfig("summary.extractive");
    return new GenerateSettings(task, List.copyOf(plans), checks, CopyChecks.Policy.parse(c.getString("policy")),
        // threads 0: the executor's cores (this runs again on each executor, where that is known)
        EngineService.executorThreads(e.getInt("threads"),
            new EngineOptions(e.getInt("threads"), e.getInt("max-batch"), e.getInt("context-length"),
                e.getBoolean("prefix-cache"), GenerateTextCommand.backendChoice(e), e.getBytes("kv-cache-bytes"),
                io.corpusforge.inference.backend.KvType.parse(e.getString("kv-cache-type")))
            .withBatchAcrossCalls(e.getBoolean("batch-across-calls"))),
        positive(g, "batch-rows"), positive(g, "max-field-chars"), g.getInt("partitions"), summaryMaxChars,
        g.getInt("summary.chunk-tokens"), positive(g, "summary.max-reduce-rounds"),
        PipelineConfig.readList(x.getString("stop-words")),
        new TextRank(x.getDouble("damping"), x.getInt("max-iterations"), x.getDouble("tolerance")),
        positive(g, "progress-seconds"));
  }

  private static CopyPlan plan(String name, Config t, Config sampling, boolean chat, int maxCharsOverride) {
    int maxChars = maxCharsOverride > 0 ? maxCharsOverride : t.getInt("max-chars");
    CopySpec.Shape shape = CopySpec.Shape.parse(t.getString("shape"));
    int minItems = t.hasPath("min-items") ? t.getInt("min-items") : 1;
    int maxItems = t.hasPath("max-items") ? t.getInt("max-items") : 1;
    CopySpec spec = new CopySpec(name, shape, t.getInt("min-chars"), maxChars, minItems, maxItems,
        CopySpec.LengthPolicy.parse(t.getString("length-policy")));
    Map<String, String> rendered = new LinkedHashMap<>();
    rendered.put("max_chars", Integer.toString(maxChars));
    rendered.put("min_chars", Integer.toString(spec.minChars()));
    rendered.put("min_items", Integer.toString(minItems));
    rendered.put("max_items", Integer.toString(maxItems));
    String location = t.getString("template");
    PromptTemplate template = PromptTemplate.parse(location, PipelineConfig.readText(location), FIELDS, rendered);
    SamplingParams params = new SamplingParams(sampling.getDouble("temperature"), sampling.getInt("top-k"),
        sampling.getDouble("top-p"), sampling.getDouble("min-p"), sampling.getDouble("repetition-penalty"),
        sampling.getDouble("presence-penalty"), t.getInt("max-new-tokens"), t.getStringList("stop"));
    return new CopyPlan(spec, template, params, chat);
  }

  private static String quoted(String key) {
    return "\"" + key + "\"";
  }

  private static int positive(Config g, String path) {
    int v = g.getInt(path);
    if (v <= 0) {
      throw new IllegalArgumentException("generate." + path + " must be > 0, got " + v);
    }
    return v;
  }
}
