package io.corpusforge.inference.tokenizer;

import io.corpusforge.inference.gguf.GgufException;
import io.corpusforge.inference.gguf.GgufFile;

/** Text to token ids and back, built from a GGUF file's {@code tokenizer.ggml.*} metadata. */
public interface Tokenizer {
  /**
   * Tokens of {@code text}, without BOS. With {@code parseSpecial}, control tokens written in the text (such as
   * {@code <|im_start|>}) become their ids; otherwise they are tokenized as ordinary text.
   */
  int[] encode(String text, boolean parseSpecial);

  /** The bytes a token contributes to generated text (empty for control tokens such as BOS/EOS). */
  byte[] tokenBytes(int id);

  int vocabSize();

  /** Whether prompts start with {@link #bos()} ({@code tokenizer.ggml.add_bos_token}, family default otherwise). */
  boolean addBos();

  /** Beginning-of-sequence id, or -1. */
  int bos();

  /** Whether generation ends at this token (EOS, EOT and the end-of-turn control tokens). */
  boolean isEndOfGeneration(int id);

  /** The token's text as stored in the vocabulary. */
  String token(int id);

  /** Prompt tokens: BOS when the model wants one, then the text. */
  default int[] encodePrompt(String text, boolean parseSpecial) {
    int[] body = encode(text, parseSpecial);
    if (!addBos() || bos() < 0) {
      return body;
    }
    int[] out = new int[body.length + 1];
    out[0] = bos();
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** The tokenizer a GGUF file describes: {@code llama} (SentencePiece) or {@code gpt2} (byte-level BPE). */
  static Tokenizer fromGguf(GgufFile f) {
    String model = f.getString("tokenizer.ggml.model");
    return switch (model) {
      case "llama" -> SentencePieceTokenizer.fromGguf(f);
      case "gpt2" -> ByteLevelBpeTokenizer.fromGguf(f);
      default -> throw new GgufException(f.path() + ": unsupported tokenizer.ggml.model '" + model
          + "' (supported: llama, gpt2)");
    };
  }
}
