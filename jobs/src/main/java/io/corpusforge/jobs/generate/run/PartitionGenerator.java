package io.corpusforge.jobs.generate.run;

import io.corpusforge.inference.GenerationRequest;
import io.corpusforge.inference.GenerationResult;
import io.corpusforge.inference.SamplingParams;
import io.corpusforge.jobs.generate.EnumNames;
import io.corpusforge.jobs.generate.GenerateSettings;
import io.corpusforge.jobs.generate.input.InputRecord;
import io.corpusforge.jobs.generate.prompt.CopyFinisher;
import io.corpusforge.jobs.generate.prompt.CopyPlan;
import io.corpusforge.jobs.generate.summary.ChineseWords;
import io.corpusforge.jobs.generate.summary.ExtractiveSummarizer;
import io.corpusforge.jobs.generate.text.Hashes;
import io.corpusforge.jobs.generate.text.LengthCut;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns batches of input rows into output rows, without Spark: the LLM path (product copy with one regeneration
 * when a policy asks for it; summaries map-reduce) or the extractive path. Rows already in the output
 * ({@link ResumeKeys}) are skipped. One instance per partition; not thread-safe.
 */
public final class PartitionGenerator implements AutoCloseable {
  /** How texts are produced. */
  public enum Method {
    LLM,
    EXTRACTIVE;

    public static Method parse(String s) {
      return EnumNames.parse(Method.class, "method", s);
    }
  }

  /** What {@code finish_reason} says for extractive summaries, which have no model. */
  public static final String EXTRACTIVE = "extractive";

  private final GenerateSettings settings;
  private final Method method;
  private final EngineCalls calls;
  private final String modelSha256;
  private final ResumeKeys done;
  private final Map<String, CopyFinisher> finishers = new HashMap<>();
  private final Map<String, String> templateHashes = new HashMap<>();
  private final ChineseWords words;
  private final ExtractiveSummarizer extractive;
  private long skipped;
  private long promptTokens;
  private long generatedTokens;

  /**
   * @param calls the engine for {@link Method#LLM}; null for {@link Method#EXTRACTIVE}
   */
  public PartitionGenerator(GenerateSettings settings, Method method, EngineCalls calls, ResumeKeys done) {
    if (method == Method.LLM && calls == null) {
      throw new IllegalArgumentException("the llm method needs an engine");
    }
    if (method == Method.EXTRACTIVE && settings.task() != GenerateSettings.Task.SUMMARY) {
      throw new IllegalArgumentException("--method extractive is for --task summary only");
    }
    this.settings = settings;
    this.method = method;
    this.calls = calls;
    this.modelSha256 = calls == null ? "" : calls.engine().modelSha256();
    this.done = done;
    for (CopyPlan p : settings.plans()) {
      finishers.put(p.spec().name(), new CopyFinisher(p.spec(), settings.checks(), settings.checkPolicy()));
    }
    if (method == Method.EXTRACTIVE) {
      this.words = new ChineseWords(new HashSet<>(settings.summaryStopWords()));
      this.extractive = new ExtractiveSummarizer(words, settings.textRank());
    } else {
      this.words = null;
      this.extractive = null;
    }
  }

  /** The template hash written for a plan: the extractive method has no template, its settings stand in. */
  String templateHash(CopyPlan plan) {
    return templateHashes.computeIfAbsent(plan.spec().name(), k -> method == Method.EXTRACTIVE
        ? Hashes.hex16("extractive textrank " + settings.textRank() + " stop-words="
            + settings.summaryStopWords() + " max-chars=" + plan.spec().maxChars())
        : plan.template().hash());
  }

  String paramsHash(CopyPlan plan) {
    return method == Method.EXTRACTIVE ? "" : plan.paramsHash();
  }

  public List<OutputRow> process(List<InputRecord> batch) {
    List<OutputRow> out = new ArrayList<>();
    for (CopyPlan plan : settings.plans()) {
      List<InputRecord> todo = new ArrayList<>();
      for (InputRecord r : batch) {
        if (done.contains(ResumeKeys.key(r.id(), plan.spec().name(), modelSha256, templateHash(plan),
            paramsHash(plan)))) {
          skipped++;
        } else if (r.error() != null) {
          out.add(errorRow(r, plan, r.error(), 0, 0, 0, null));
        } else {
          todo.add(r);
        }
      }
      if (todo.isEmpty()) {
        continue;
      }
      if (method == Method.EXTRACTIVE) {
        out.addAll(extractive(todo, plan));
      } else if (settings.task() == GenerateSettings.Task.SUMMARY) {
        out.addAll(llmSummaries(todo, plan));
      } else {
        out.addAll(llmCopy(todo, plan));
      }
    }
    return out;
  }

  private List<OutputRow> extractive(List<InputRecord> todo, CopyPlan plan) {
    List<OutputRow> out = new ArrayList<>();
    CopyFinisher finisher = finishers.get(plan.spec().name());
    for (InputRecord r : todo) {
      long start = System.nanoTime();
      try {
        String summary = extractive.summarize(r.field("text"), plan.spec().maxChars());
        CopyFinisher.Final f = finisher.finish(finisher.draft(summary), false);
        out.add(row(r, plan, f.text(), EXTRACTIVE, 0, 0, System.nanoTime() - start, null, null, f.flags()));
      } catch (RuntimeException e) {
        out.add(errorRow(r, plan, "extractive: " + e, 0, 0, System.nanoTime() - start, null));
      }
    }
    return out;
  }

  private List<OutputRow> llmSummaries(List<InputRecord> todo, CopyPlan plan) {
    int budget = settings.chunkTokens() > 0 ? settings.chunkTokens()
        : calls.engine().contextLength() - calls.engine().countTokens(plan.template().render(Map.of()))
            - plan.params().maxNewTokens() - 32; // room for the chat template's own tokens and BOS
    List<OutputRow> out = new ArrayList<>();
    if (budget < 16) {
      for (InputRecord r : todo) {
        out.add(errorRow(r, plan, "the context (" + calls.engine().contextLength() + " tokens) leaves no room for "
            + "a document after the template and max-new-tokens", 0, 0, 0, null));
      }
      return out;
    }
    MapReduceSummarizer summarizer =
        new MapReduceSummarizer(calls, plan, budget, settings.maxReduceRounds(), settings.maxFieldChars());
    List<MapReduceSummarizer.Outcome> outcomes = summarizer.summarize(todo);
    CopyFinisher finisher = finishers.get(plan.spec().name());
    for (int i = 0; i < todo.size(); i++) {
      MapReduceSummarizer.Outcome o = outcomes.get(i);
      count(o.promptTokens(), o.generatedTokens());
      if (o.error() != null) {
        out.add(errorRow(todo.get(i), plan, o.error(), o.promptTokens(), o.generatedTokens(), o.latencyNanos(),
            o.seed()));
      } else {
        CopyFinisher.Final f = finisher.finish(finisher.draft(o.text()), false);
        out.add(row(todo.get(i), plan, f.text(), o.finishReason(), o.promptTokens(), o.generatedTokens(),
            o.latencyNanos(), o.seed(), null, f.flags()));
      }
    }
    return out;
  }

  private List<OutputRow> llmCopy(List<InputRecord> todo, CopyPlan plan) {
    List<GenerationRequest> first = new ArrayList<>();
    for (InputRecord r : todo) {
      first.add(request(r, plan, 0));
    }
    List<GenerationResult> results = calls.generate(first);
    CopyFinisher finisher = finishers.get(plan.spec().name());
    CopyFinisher.Draft[] drafts = new CopyFinisher.Draft[todo.size()];
    List<Integer> retry = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      GenerationResult res = results.get(i);
      count(res.promptTokens(), res.generatedTokens());
      if (!failed(res)) {
        drafts[i] = finisher.draft(res.text());
        if (finisher.wantsRegeneration(drafts[i])) {
          retry.add(i);
        }
      }
    }
    List<GenerationResult> second = calls.generate(retry.stream().map(i -> request(todo.get(i), plan, 1)).toList());
    GenerationResult[] retried = new GenerationResult[todo.size()];
    for (int k = 0; k < retry.size(); k++) {
      retried[retry.get(k)] = second.get(k);
      count(second.get(k).promptTokens(), second.get(k).generatedTokens());
    }
    List<OutputRow> out = new ArrayList<>();
    for (int i = 0; i < todo.size(); i++) {
      InputRecord r = todo.get(i);
      GenerationResult a = results.get(i);
      long seed0 = first.get(i).seed();
      if (failed(a)) {
        out.add(errorRow(r, plan, a.error() == null ? "engine: finish_reason error" : a.error(), a.promptTokens(),
            a.generatedTokens(), a.latencyNanos(), seed0));
        continue;
      }
      GenerationResult b = retried[i];
      int pt = a.promptTokens() + (b == null ? 0 : b.promptTokens());
      int gt = a.generatedTokens() + (b == null ? 0 : b.generatedTokens());
      long lat = a.latencyNanos() + (b == null ? 0 : b.latencyNanos());
      CopyFinisher.Final f;
      if (b != null && !failed(b)) {
        f = finisher.finish(finisher.draft(b.text()), true);
        out.add(row(r, plan, f.text(), b.finishReason(), pt, gt, lat, plan.seed(r.id(), 1), null, f.flags()));
      } else {
        f = finisher.finish(drafts[i], false);
        List<String> flags = new ArrayList<>(f.flags());
        if (b != null) {
          flags.add("regeneration-failed");
        }
        out.add(row(r, plan, f.text(), a.finishReason(), pt, gt, lat, seed0, null, flags));
      }
    }
    return out;
  }

  private GenerationRequest request(InputRecord r, CopyPlan plan, int attempt) {
    Map<String, String> values = new HashMap<>();
    r.fields().forEach((k, v) -> values.put(k, capped(v, settings.maxFieldChars())));
    return new GenerationRequest(r.id() + "/" + plan.spec().name(), plan.template().render(values), plan.chat(),
        plan.params(), plan.seed(r.id(), attempt));
  }

  static String capped(String value, int maxChars) {
    return value == null || value.isEmpty() ? "" : LengthCut.cut(value, maxChars).text();
  }

  private static boolean failed(GenerationResult r) {
    return r.error() != null || GenerationResult.ERROR.equals(r.finishReason());
  }

  private void count(int prompt, int generated) {
    promptTokens += prompt;
    generatedTokens += generated;
  }

  private OutputRow errorRow(InputRecord r, CopyPlan plan, String error, int pt, int gt, long nanos, Long seed) {
    return row(r, plan, null, GenerationResult.ERROR, pt, gt, nanos, seed, error, List.of());
  }

  private OutputRow row(InputRecord r, CopyPlan plan, String text, String finishReason, int pt, int gt, long nanos,
      Long seed, String error, List<String> flags) {
    boolean llm = method == Method.LLM;
    SamplingParams p = plan.params();
    return new OutputRow(r.id(), settings.task().cliName, plan.spec().name(), error == null ? text : null,
        finishReason, pt, gt, nanos / 1e6, modelSha256, templateHash(plan), paramsHash(plan),
        llm ? p.temperature() : null, llm ? p.topK() : null, llm ? p.topP() : null, llm ? p.minP() : null,
        llm ? p.repetitionPenalty() : null, llm ? p.presencePenalty() : null, llm ? p.maxNewTokens() : null,
        llm ? seed : null, error, flags);
  }

  public long skipped() {
    return skipped;
  }

  public long promptTokens() {
    return promptTokens;
  }

  public long generatedTokens() {
    return generatedTokens;
  }

  public long cachedPromptTokens() {
    return calls == null ? 0 : calls.cachedPromptTokens();
  }

  public long engineNanos() {
    return calls == null ? 0 : calls.nanos();
  }

  @Override
  public void close() {
    if (words != null) {
      words.close();
    }
  }
}
