package io.corpusforge.inference.tokenizer;

import io.corpusforge.inference.gguf.GgufArray;
import io.corpusforge.inference.gguf.GgufFile;
import java.util.HashSet;
import java.util.Set;

/** Token types, BOS and the end-of-generation set, read as llama.cpp reads them. */
final class SpecialTokens {
  static final int NORMAL = 1;
  static final int UNKNOWN = 2;
  static final int CONTROL = 3;
  static final int USER_DEFINED = 4;
  static final int UNUSED = 5;
  static final int BYTE = 6;

  /** Control tokens that end a turn in common chat formats; llama.cpp treats them as end-of-generation too. */
  private static final Set<String> EOG_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
      "<|endoftext|>", "<|eom_id|>", "<EOT>", "</s>", "<|end_of_text|>");

  final int[] types;
  final int bos;
  final int eos;
  final boolean addBos;
  final Set<Integer> endOfGeneration;

  /**
   * @param defaultAddBos whether prompts start with BOS when the file does not say (llama.cpp's rule for the
   *     vocabulary type)
   * @param defaultBos the BOS id when the file names none (llama.cpp's per vocabulary type: 1 for SentencePiece, 11
   *     for BPE), used when inside the vocabulary
   */
  SpecialTokens(GgufFile f, String[] tokens, boolean defaultAddBos, int defaultBos) {
    GgufArray typeArray = f.optArray("tokenizer.ggml.token_type").orElse(null);
    types = typeArray != null ? typeArray.ints() : filled(tokens.length);
    bos = f.has("tokenizer.ggml.bos_token_id") ? id(f, "tokenizer.ggml.bos_token_id", tokens.length)
        : defaultBos < tokens.length ? defaultBos : -1;
    eos = id(f, "tokenizer.ggml.eos_token_id", tokens.length);
    addBos = f.optBool("tokenizer.ggml.add_bos_token").orElse(defaultAddBos);
    endOfGeneration = new HashSet<>();
    if (eos >= 0) {
      endOfGeneration.add(eos);
    }
    for (String key : new String[] {"tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"}) {
      int id = id(f, key, tokens.length);
      if (id >= 0) {
        endOfGeneration.add(id);
      }
    }
    for (int i = 0; i < tokens.length; i++) {
      if (types[i] == CONTROL && EOG_TEXTS.contains(tokens[i])) {
        endOfGeneration.add(i);
      }
    }
  }

  private static int[] filled(int n) {
    int[] t = new int[n];
    java.util.Arrays.fill(t, NORMAL);
    return t;
  }

  /** A token id from metadata, or -1 when absent or out of range (llama.cpp writes 0xFFFFFFFF for "none"). */
  private static int id(GgufFile f, String key, int vocab) {
    if (!f.has(key)) {
      return -1;
    }
    long v = f.getLong(key);
    return v >= 0 && v < vocab ? (int) v : -1;
  }
}
