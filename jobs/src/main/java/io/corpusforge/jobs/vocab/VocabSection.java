package io.corpusforge.jobs.vocab;

import io.corpusforge.jobs.stage.StageSection;
import io.corpusforge.tokenization.bpe.BpeTokenizer;
import io.corpusforge.tokenization.bpe.Wtf8;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The vocab stage's section of report.json ({@code "vocab": {...}}) and its summary lines; documents read,
 * rejects, phase times and settings are in the common header.
 */
public record VocabSection(
    long trainingDocs,
    long heldOutDocs,
    PreTokenStats preTokens,
    int vocabSize,
    int merges,
    List<String> specialTokens,
    String preTokenizer,
    String stopReason,
    HeldOutEvaluation heldOut,
    List<LongToken> longestTokens,
    long distinctWords,
    long wordSegmentationFailures,
    GoldSegmentationEvaluation goldSegmentation) implements StageSection {

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

  @Override
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
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
    return m;
  }

  @Override
  public List<String> summaryLines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "vocabulary: %d tokens (%d merges, %d special), pre-tokenizer %s, "
        + "training stopped: %s", vocabSize, merges, specialTokens.size(), preTokenizer, stopReason));
    lines.add(String.format(Locale.ROOT, "docs: %d training, %d held out", trainingDocs, heldOutDocs));
    lines.add(String.format(Locale.ROOT, "pre-tokens: %d occurrences, %d distinct, %d kept (%s)",
        preTokens.occurrences(), preTokens.distinct(), preTokens.kept(), preTokens.pruning()));
    lines.add(String.format(Locale.ROOT, "held-out: %d docs, %.3f chars/token, %.3f bytes/token, %.1f%% of vocab "
            + "used, encode %.1f MB/s, round trip %s", heldOut.docs(), heldOut.charsPerToken(),
        heldOut.bytesPerToken(), 100 * heldOut.vocabUsedShare(), heldOut.encodeMegabytesPerSecond(),
        heldOut.roundTripOk() ? "exact" : "FAILED"));
    StringBuilder longest = new StringBuilder("longest tokens:");
    longestTokens.stream().limit(5).forEach(t -> longest.append(" \"").append(t.text().replace("\n", "\\n"))
        .append('"'));
    lines.add(longest.toString());
    if (goldSegmentation != null) {
      lines.add(String.format(Locale.ROOT, "gold segmentation: %.3f tokens per word (%d words, %s)",
          goldSegmentation.tokensPerWord(), goldSegmentation.words(), goldSegmentation.file()));
    }
    lines.add(String.format(Locale.ROOT, "words: %d distinct (smartcn), %d segmentation failures", distinctWords,
        wordSegmentationFailures));
    return lines;
  }
}
