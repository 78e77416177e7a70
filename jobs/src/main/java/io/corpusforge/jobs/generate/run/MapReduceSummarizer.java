package io.corpusforge.jobs.generate.run;

import io.corpusforge.inference.GenerationRequest;
import io.corpusforge.inference.GenerationResult;
import io.corpusforge.jobs.generate.input.InputRecord;
import io.corpusforge.jobs.generate.prompt.CopyPlan;
import io.corpusforge.jobs.generate.text.Chunker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LLM summaries of a batch of documents. A document that fits the context is summarised in one call; a longer one
 * is cut into chunks (map), the chunk summaries are joined and summarised again (reduce), for up to
 * {@code maxRounds} reduce rounds. All documents of a round go to the engine as one batch.
 */
final class MapReduceSummarizer {
  /** The final call's result with the token counts and latency of every call the document needed. */
  record Outcome(String text, String finishReason, int promptTokens, int generatedTokens, long latencyNanos,
      long seed, String error) {}

  private final EngineCalls calls;
  private final CopyPlan plan;
  private final int budget;
  private final int maxRounds;
  private final int maxTitleChars;

  MapReduceSummarizer(EngineCalls calls, CopyPlan plan, int budget, int maxRounds, int maxTitleChars) {
    this.calls = calls;
    this.plan = plan;
    this.budget = budget;
    this.maxRounds = maxRounds;
    this.maxTitleChars = maxTitleChars;
  }

  private static final class Doc {
    final InputRecord record;
    String text;
    int promptTokens;
    int generatedTokens;
    long latency;
    Outcome outcome;

    Doc(InputRecord record) {
      this.record = record;
      this.text = record.field("text");
    }
  }

  List<Outcome> summarize(List<InputRecord> records) {
    List<Doc> docs = records.stream().map(Doc::new).toList();
    for (int round = 0; round <= maxRounds; round++) {
      List<GenerationRequest> requests = new ArrayList<>();
      Map<Doc, List<Integer>> requestsOf = new HashMap<>();
      Map<Doc, Boolean> isFinal = new HashMap<>();
      for (Doc d : docs) {
        if (d.outcome != null) {
          continue;
        }
        List<String> chunks = Chunker.chunks(d.text, budget, calls.engine()::countTokens);
        if (chunks.size() > 1 && round == maxRounds) {
          d.outcome = new Outcome(null, GenerationResult.ERROR, d.promptTokens, d.generatedTokens, d.latency, 0,
              "document still needs " + chunks.size() + " chunks after " + maxRounds + " reduce rounds");
          continue;
        }
        isFinal.put(d, chunks.size() == 1);
        List<Integer> idx = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
          String key = chunks.size() == 1 && round == 0 ? d.record.id() : d.record.id() + "/r" + round + "/c" + c;
          Map<String, String> values = new HashMap<>();
          values.put("text", chunks.get(c));
          values.put("title", PartitionGenerator.capped(d.record.field("title"), maxTitleChars));
          idx.add(requests.size());
          requests.add(new GenerationRequest(key, plan.template().render(values), plan.chat(), plan.params(),
              plan.seed(key, 0)));
        }
        requestsOf.put(d, idx);
      }
      if (requests.isEmpty()) {
        break;
      }
      List<GenerationResult> results = calls.generate(requests);
      for (Doc d : docs) {
        List<Integer> idx = requestsOf.get(d);
        if (idx == null) {
          continue;
        }
        StringBuilder joined = new StringBuilder();
        String error = null;
        GenerationResult last = null;
        for (int i : idx) {
          GenerationResult r = results.get(i);
          d.promptTokens += r.promptTokens();
          d.generatedTokens += r.generatedTokens();
          d.latency += r.latencyNanos();
          if (r.error() != null || GenerationResult.ERROR.equals(r.finishReason())) {
            error = error == null ? r.error() : error;
          }
          joined.append(joined.isEmpty() ? "" : "\n").append(r.text().strip());
          last = r;
        }
        long seed = requests.get(idx.get(idx.size() - 1)).seed();
        if (error != null) {
          d.outcome = new Outcome(null, GenerationResult.ERROR, d.promptTokens, d.generatedTokens, d.latency, seed,
              error);
        } else if (isFinal.get(d)) {
          d.outcome = new Outcome(last.text(), last.finishReason(), d.promptTokens, d.generatedTokens, d.latency,
              seed, null);
        } else {
          d.text = joined.toString();
        }
      }
    }
    return docs.stream().map(d -> d.outcome).toList();
  }
}
