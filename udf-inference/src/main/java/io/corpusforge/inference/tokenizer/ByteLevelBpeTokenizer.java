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
    SpecialTokens specials = new SpecialTokens(f, tokens, defaultAddBos(pre), DEFAULT_BOS);
    try {
      return new ByteLevelBpeTokenizer(BpeTokenizer.fromGguf(Arrays.asList(tokens), merges, pre, specials.types),
          specials, tokens);
    } catch (IllegalArgumentException e) {
      throw new GgufException(f.path() + ": bad BPE vocabulary: " + e.getMessage(), e);
    }
  }

  /** llama.cpp's BOS id for a BPE vocabulary whose file names none. */
  static final int DEFAULT_BOS = 11;

  /** Pre-tokenizer types for which llama.cpp adds BOS when the file does not say (its vocabulary loader). */
  private static final java.util.Set<String> ADD_BOS_PRE = java.util.Set.of("llama3", "llama-v3", "llama-bpe",
      "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2", "jina-v5-nano", "tekken", "chameleon");

  /**
   * Whether prompts start with BOS when the file has no {@code tokenizer.ggml.add_bos_token}: as llama.cpp decides for
   * BPE vocabularies, by pre-tokenizer type (yes for the Llama 3 family, Tekken and Chameleon; no for the others, Qwen
   * included).
   */
  static boolean defaultAddBos(String pre) {
    return ADD_BOS_PRE.contains(pre);
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
