package io.corpusforge.inference.tokenizer;

import io.corpusforge.inference.gguf.GgufFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * {@code tokenizer.ggml.model = llama}: SentencePiece-style BPE over scored pieces, as llama.cpp's
 * {@code llm_tokenizer_spm}: spaces become U+2581 (with a leading one when {@code add_space_prefix}), text starts as
 * single code points, and the adjacent pair whose concatenation is the highest-scoring vocabulary piece merges first
 * (leftmost on ties). Pieces outside the vocabulary fall back to {@code <0xXX>} byte tokens.
 */
final class SentencePieceTokenizer implements Tokenizer {
  private static final String SPACE = "\u2581";
  private final String[] tokens;
  private final float[] scores;
  private final Map<String, Integer> ids = new HashMap<>();
  private final int[] byteTokens = new int[256];
  private final int unknown;
  private final boolean addSpacePrefix;
  private final SpecialTokens specials;
  private final SpecialSplitter splitter;
  private final byte[][] pieces;

  private SentencePieceTokenizer(String[] tokens, float[] scores, int unknown, boolean addSpacePrefix,
      SpecialTokens specials) {
    this.tokens = tokens;
    this.scores = scores;
    this.unknown = unknown;
    this.addSpacePrefix = addSpacePrefix;
    this.specials = specials;
    for (int i = 0; i < tokens.length; i++) {
      ids.putIfAbsent(tokens[i], i);
    }
    for (int b = 0; b < 256; b++) {
      byteTokens[b] = ids.getOrDefault(String.format("<0x%02X>", b), -1);
    }
    splitter = new SpecialSplitter(tokens, specials.types);
    pieces = new byte[tokens.length][];
    for (int i = 0; i < tokens.length; i++) {
      pieces[i] = piece(i);
    }
  }

  static SentencePieceTokenizer fromGguf(GgufFile f) {
    String[] tokens = f.getArray("tokenizer.ggml.tokens").strings();
    float[] scores = f.optArray("tokenizer.ggml.scores").map(a -> a.floats()).orElse(new float[tokens.length]);
    int unknown = f.optInt("tokenizer.ggml.unknown_token_id").orElse(0);
    boolean prefix = f.optBool("tokenizer.ggml.add_space_prefix").orElse(true);
    return new SentencePieceTokenizer(tokens, scores, unknown, prefix, new SpecialTokens(f, tokens, true, 1));
  }

  private byte[] piece(int id) {
    return switch (specials.types[id]) {
      case SpecialTokens.CONTROL, SpecialTokens.UNUSED -> new byte[0];
      case SpecialTokens.UNKNOWN -> "\u2585".getBytes(StandardCharsets.UTF_8);
      case SpecialTokens.BYTE -> new byte[] {(byte) Integer.parseInt(tokens[id].substring(3, 5), 16)};
      default -> tokens[id].replace(SPACE, " ").getBytes(StandardCharsets.UTF_8);
    };
  }

  @Override
  public int[] encode(String text, boolean parseSpecial) {
    List<Integer> out = new ArrayList<>();
    boolean prevSpecial = true; // llama.cpp: a space prefix at the start and after every special token
    for (SpecialSplitter.Fragment fr : splitter.split(text, parseSpecial)) {
      if (fr.token() >= 0) {
        out.add(fr.token());
        prevSpecial = true;
      } else {
        String t = (addSpacePrefix && prevSpecial ? " " : "") + fr.text();
        encodePlain(t.replace(" ", SPACE), out);
        prevSpecial = false;
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private record Bigram(int left, int right, float score, int size) {}

  private void encodePlain(String text, List<Integer> out) {
    if (text.isEmpty()) {
      return;
    }
    // symbols: code points, linked list over starts/lengths (in chars)
    int n = text.codePointCount(0, text.length());
    int[] start = new int[n];
    int[] len = new int[n];
    int[] prev = new int[n];
    int[] next = new int[n];
    for (int i = 0, c = 0; i < n; i++) {
      int cp = text.codePointAt(c);
      start[i] = c;
      len[i] = Character.charCount(cp);
      c += len[i];
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score != b.score
        ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
    for (int i = 1; i < n; i++) {
      tryAdd(text, i - 1, i, start, len, queue);
    }
    while (!queue.isEmpty()) {
      Bigram bg = queue.poll();
      if (len[bg.left] == 0 || len[bg.right] == 0 || len[bg.left] + len[bg.right] != bg.size) {
        continue; // stale: one side already merged elsewhere
      }
      len[bg.left] += len[bg.right];
      len[bg.right] = 0;
      next[bg.left] = next[bg.right];
      if (next[bg.right] >= 0) {
        prev[next[bg.right]] = bg.left;
      }
      if (prev[bg.left] >= 0) {
        tryAdd(text, prev[bg.left], bg.left, start, len, queue);
      }
      if (next[bg.left] >= 0) {
        tryAdd(text, bg.left, next[bg.left], start, len, queue);
      }
    }
    for (int i = 0; i >= 0; i = next[i]) {
      String sym = text.substring(start[i], start[i] + len[i]);
      Integer id = ids.get(sym);
      if (id != null) {
        out.add(id);
      } else {
        for (byte b : sym.getBytes(StandardCharsets.UTF_8)) {
          int bt = byteTokens[b & 0xFF];
          out.add(bt >= 0 ? bt : unknown);
        }
      }
    }
  }

  private void tryAdd(String text, int left, int right, int[] start, int[] len, PriorityQueue<Bigram> queue) {
    int size = len[left] + len[right];
    Integer id = ids.get(text.substring(start[left], start[left] + size));
    if (id != null) {
      queue.add(new Bigram(left, right, scores[id], size));
    }
  }

  @Override
  public byte[] tokenBytes(int id) {
    return pieces[id];
  }

  @Override
  public int vocabSize() {
    return tokens.length;
  }

  @Override
  public boolean addBos() {
    return specials.addBos;
  }

  @Override
  public int bos() {
    return specials.bos;
  }

  @Override
  public boolean isEndOfGeneration(int id) {
    return specials.endOfGeneration.contains(id);
  }

  @Override
  public String token(int id) {
    return tokens[id];
  }
}
