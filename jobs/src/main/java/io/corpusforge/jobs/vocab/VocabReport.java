package io.corpusforge.jobs.vocab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.corpusforge.tokenization.bpe.BpeTokenizer;
import io.corpusforge.tokenization.bpe.Wtf8;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** What one vocab run produced; written as report.json and printed as a summary. */
public record VocabReport(
    long docsIn,
    Map<String, Long> rejected,
    long trainingDocs,
    long heldOutDocs,
    PreTokenStats preTokens,
    int vocabSize,
    int merges,
    List<String> specialTokens,
    String preTokenizer,
    String stopReason,
    double countSeconds,
    double trainSeconds,
    HeldOutEvaluation heldOut,
    List<LongToken> longestTokens,
    long distinctWords,
    long wordSegmentationFailures,
    GoldSegmentationEvaluation goldSegmentation,
    double totalSeconds) {

  /** Pre-token counting and pruning: occurrences and distinct pre-tokens before and after pruning. */
  public record PreTokenStats(long occurrences, long distinct, long kept, long keptOccurrences, String pruning) {}

  /** A long token: id, byte length, and its text (U+FFFD where it holds a partial character). */
  public record LongToken(int id, int bytes, String text) {}

  public static List<LongToken> longestTokens(BpeTokenizer t, int n) {
    List<LongToken> all = new ArrayList<>();
    IntStream.range(0, t.vocabSize())
        .filter(id -> t.addedTokens().stream().noneMatch(a -> a.id() == id))
        .forEach(id -> all.add(new LongToken(id, t.tokenBytes(id).length, Wtf8.decode(t.tokenBytes(id)))));
    all.sort(Comparator.comparingInt(LongToken::bytes).reversed().thenComparingInt(LongToken::id));
    return List.copyOf(all.subList(0, Math.min(n, all.size())));
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("docs_in", docsIn);
    m.put("rejected", rejected);
    m.put("training_docs", trainingDocs);
    m.put("held_out_docs", heldOutDocs);
    Map<String, Object> pt = new LinkedHashMap<>();
    pt.put("occurrences", preTokens.occurrences());
    pt.put("distinct", preTokens.distinct());
    pt.put("kept_distinct", preTokens.kept());
    pt.put("kept_occurrences", preTokens.keptOccurrences());
    pt.put("pruning", preTokens.pruning());
    m.put("pre_tokens", pt);
    m.put("vocab_size", vocabSize);
    m.put("merges", merges);
    m.put("special_tokens", specialTokens);
    m.put("pre_tokenizer", preTokenizer);
    m.put("stop_reason", stopReason);
    m.put("count_seconds", round(countSeconds, 2));
    m.put("training_seconds", round(trainSeconds, 2));
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("docs", heldOut.docs());
    h.put("chars", heldOut.chars());
    h.put("bytes", heldOut.bytes());
    h.put("tokens", heldOut.tokens());
    h.put("chars_per_token", round(heldOut.charsPerToken(), 4));
    h.put("bytes_per_token", round(heldOut.bytesPerToken(), 4));
    h.put("vocab_used", heldOut.vocabUsed());
    h.put("vocab_used_share", round(heldOut.vocabUsedShare(), 4));
    h.put("encode_mb_per_second", round(heldOut.encodeMegabytesPerSecond(), 2));
    h.put("round_trip_exact", heldOut.roundTripOk());
    m.put("held_out", h);
    List<Map<String, Object>> longest = new ArrayList<>();
    for (LongToken t : longestTokens) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("id", t.id());
      e.put("bytes", t.bytes());
      e.put("text", t.text());
      longest.add(e);
    }
    m.put("longest_tokens", longest);
    m.put("distinct_words", distinctWords);
    m.put("word_segmentation_failures", wordSegmentationFailures);
    if (goldSegmentation != null) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("file", goldSegmentation.file());
      g.put("lines", goldSegmentation.lines());
      g.put("words", goldSegmentation.words());
      g.put("tokens", goldSegmentation.tokens());
      g.put("tokens_per_word", round(goldSegmentation.tokensPerWord(), 4));
      m.put("gold_segmentation", g);
    }
    m.put("total_seconds", round(totalSeconds, 1));
    return m;
  }

  public byte[] toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(toMap());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append("vocab: ").append(vocabSize).append(" tokens (").append(merges).append(" merges, ")
        .append(specialTokens.size()).append(" special), pre-tokenizer ").append(preTokenizer).append('\n');
    sb.append(String.format("  docs: %d in, %d training, %d held out, rejected %s%n", docsIn, trainingDocs,
        heldOutDocs, rejected));
    sb.append(String.format("  pre-tokens: %d occurrences, %d distinct, %d kept (%s)%n", preTokens.occurrences(),
        preTokens.distinct(), preTokens.kept(), preTokens.pruning()));
    sb.append(String.format("  counting %.1f s, training %.1f s (%s)%n", countSeconds, trainSeconds, stopReason));
    sb.append(String.format("  held-out: %d docs, %.3f chars/token, %.3f bytes/token, %.1f%% of vocab used, "
            + "encode %.1f MB/s, round trip %s%n", heldOut.docs(), heldOut.charsPerToken(), heldOut.bytesPerToken(),
        100 * heldOut.vocabUsedShare(), heldOut.encodeMegabytesPerSecond(), heldOut.roundTripOk() ? "exact" : "FAILED"));
    sb.append("  longest tokens:");
    longestTokens.stream().limit(5).forEach(t -> sb.append(" \"").append(t.text().replace("\n", "\\n")).append('"'));
    sb.append('\n');
    if (goldSegmentation != null) {
      sb.append(String.format("  gold segmentation: %.3f tokens per word (%d words, %s)%n",
          goldSegmentation.tokensPerWord(), goldSegmentation.words(), goldSegmentation.file()));
    }
    sb.append(String.format("  words: %d distinct (smartcn), %d segmentation failures; total %.1f s%n",
        distinctWords, wordSegmentationFailures, totalSeconds));
    return sb.toString();
  }
}
