package io.corpusforge.jobs.generate.text;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Cuts a document into chunks of at most {@code budget} tokens at sentence boundaries, for map-reduce
 * summarisation. A sentence longer than the budget is cut by characters, in pieces sized from its own
 * characters-per-token ratio. Token counts come from the model's tokenizer, passed in as a function.
 */
public final class Chunker {
  private Chunker() {}

  public static List<String> chunks(String text, int budget, ToIntFunction<String> tokens) {
    if (budget <= 0) {
      throw new IllegalArgumentException("chunk budget must be positive, got " + budget);
    }
    List<String> out = new ArrayList<>();
    if (tokens.applyAsInt(text) <= budget) {
      out.add(text);
      return out;
    }
    StringBuilder current = new StringBuilder();
    int currentTokens = 0;
    for (String sentence : SentenceSplitter.split(text)) {
      int t = tokens.applyAsInt(sentence);
      if (t > budget) {
        flush(out, current);
        currentTokens = 0;
        out.addAll(hardSplit(sentence, budget, tokens));
        continue;
      }
      if (currentTokens + t > budget) {
        flush(out, current);
        currentTokens = 0;
      }
      current.append(sentence);
      currentTokens += t;
    }
    flush(out, current);
    return out;
  }

  private static List<String> hardSplit(String sentence, int budget, ToIntFunction<String> tokens) {
    List<String> out = new ArrayList<>();
    int[] cps = sentence.codePoints().toArray();
    int start = 0;
    while (start < cps.length) {
      int len = Math.max(1, (int) ((long) (cps.length - start) * budget / Math.max(1,
          tokens.applyAsInt(new String(cps, start, cps.length - start)))));
      len = Math.min(len, cps.length - start);
      // shrink until the piece fits: the ratio is an estimate
      while (len > 1 && tokens.applyAsInt(new String(cps, start, len)) > budget) {
        len = len * 9 / 10;
      }
      out.add(new String(cps, start, len));
      start += len;
    }
    return out;
  }

  private static void flush(List<String> out, StringBuilder current) {
    if (!current.isEmpty()) {
      out.add(current.toString());
      current.setLength(0);
    }
  }
}
