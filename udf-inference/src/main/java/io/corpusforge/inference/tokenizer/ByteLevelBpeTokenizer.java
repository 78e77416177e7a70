package io.corpusforge.inference.tokenizer;

import io.corpusforge.inference.gguf.GgufException;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.tokenization.bpe.BpeTokenizer;
import java.util.Arrays;
import java.util.List;

/** {@code tokenizer.ggml.model = gpt2}: the project's byte-level BPE ({@link BpeTokenizer}) plus GGUF specials. */
final class ByteLevelBpeTokenizer implements Tokenizer {
  private static final byte[] EMPTY = new byte[0];
  private final BpeTokenizer bpe;
  private final SpecialTokens specials;
  private final String[] tokens;

  private ByteLevelBpeTokenizer(BpeTokenizer bpe, SpecialTokens specials, String[] tokens) {
    this.bpe = bpe;
    this.specials = specials;
    this.tokens = tokens;
  }

  static ByteLevelBpeTokenizer fromGguf(GgufFile f) {
    String[] tokens = f.getArray("tokenizer.ggml.tokens").strings();
    List<String> merges = Arrays.asList(f.getArray("tokenizer.ggml.merges").strings());
    String pre = f.optString("tokenizer.ggml.pre").orElse("default");
    // llama.cpp: BPE vocabularies add BOS only when the file says so
    SpecialTokens specials = new SpecialTokens(f, tokens, false);
    try {
      return new ByteLevelBpeTokenizer(BpeTokenizer.fromGguf(Arrays.asList(tokens), merges, pre, specials.types),
          specials, tokens);
    } catch (IllegalArgumentException e) {
      throw new GgufException(f.path() + ": bad BPE vocabulary: " + e.getMessage(), e);
    }
  }

  @Override
  public int[] encode(String text, boolean parseSpecial) {
    return bpe.encode(text, parseSpecial);
  }

  @Override
  public byte[] tokenBytes(int id) {
    int type = specials.types[id];
    if (type == SpecialTokens.CONTROL || type == SpecialTokens.UNUSED) {
      return EMPTY;
    }
    return bpe.tokenBytes(id);
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
