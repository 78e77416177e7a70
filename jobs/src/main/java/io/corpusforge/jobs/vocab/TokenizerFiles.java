package io.corpusforge.jobs.vocab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.corpusforge.inference.gguf.GgufWriter;
import io.corpusforge.tokenization.bpe.BpeTokenizer;
import io.corpusforge.tokenization.bpe.PreTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a trained byte-level BPE vocabulary in the formats other tools read:
 * <ul>
 *   <li>{@code tokenizer.json} for Hugging Face tokenizers (Rust, Python, tokenizers.js): no normalizer (as our
 *       encoder), Split(pre-tokenizer regex, Isolated) + ByteLevel(use_regex=false), BPE model, special tokens as
 *       added tokens (special, not normalized), ByteLevel decoder;</li>
 *   <li>{@code vocab.json} (token -> id, all ids including special tokens, GPT-2 convention) and {@code merges.txt}
 *       ({@code #version: 0.2} header, then one "left right" per line in rank order);</li>
 *   <li>GGUF tokenizer metadata ({@code tokenizer.ggml.*}) for llama.cpp-compatible runtimes.</li>
 * </ul>
 */
public final class TokenizerFiles {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TokenizerFiles() {}

  /** The vocabulary to export: tokens (byte-level alphabet; specials as text), merges, special tokens. */
  public record Vocabulary(List<String> tokens, List<String> merges, List<String> specialTokens, String preTokenizer) {
    public Vocabulary {
      tokens = List.copyOf(tokens);
      merges = List.copyOf(merges);
      specialTokens = List.copyOf(specialTokens);
    }

    public BpeTokenizer tokenizer() {
      return BpeTokenizer.of(tokens, merges, preTokenizer, specialTokens);
    }

    int id(String token) {
      int i = tokens.indexOf(token);
      if (i < 0) {
        throw new IllegalArgumentException("token \"" + token + "\" is not in the vocabulary");
      }
      return i;
    }
  }

  public static ObjectNode huggingFaceJson(Vocabulary v) {
    PreTokenizer pre = PreTokenizer.byName(v.preTokenizer());
    Set<String> specials = new HashSet<>(v.specialTokens());
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (String s : v.specialTokens()) {
      ObjectNode t = added.addObject();
      t.put("id", v.id(s));
      t.put("content", s);
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    root.putNull("normalizer");
    ObjectNode preTok = root.putObject("pre_tokenizer");
    preTok.put("type", "Sequence");
    ArrayNode seq = preTok.putArray("pretokenizers");
    ObjectNode split = seq.addObject();
    split.put("type", "Split");
    split.putObject("pattern").put("Regex", pre.regex());
    split.put("behavior", "Isolated");
    split.put("invert", false);
    seq.add(byteLevel());
    root.set("post_processor", byteLevel());
    root.set("decoder", byteLevel());
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.put("continuing_subword_prefix", "");
    model.put("end_of_word_suffix", "");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", pre.ignoreMerges());
    ObjectNode vocab = model.putObject("vocab");
    for (int i = 0; i < v.tokens().size(); i++) {
      if (!specials.contains(v.tokens().get(i))) {
        vocab.put(v.tokens().get(i), i);
      }
    }
    ArrayNode merges = model.putArray("merges");
    v.merges().forEach(merges::add);
    return root;
  }

  private static ObjectNode byteLevel() {
    ObjectNode b = JSON.createObjectNode();
    b.put("type", "ByteLevel");
    b.put("add_prefix_space", false);
    b.put("trim_offsets", false);
    b.put("use_regex", false);
    return b;
  }

  /** GGUF token_type per token: control for special tokens, normal for the rest. */
  public static int[] ggufTokenTypes(Vocabulary v) {
    Set<String> specials = new HashSet<>(v.specialTokens());
    int[] types = new int[v.tokens().size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = specials.contains(v.tokens().get(i)) ? BpeTokenizer.TYPE_CONTROL : BpeTokenizer.TYPE_NORMAL;
    }
    return types;
  }

  /** The {@code tokenizer.ggml.*} keys of a gpt2-type vocabulary, added to {@code w}. */
  public static GgufWriter putGgufMetadata(GgufWriter w, Vocabulary v, VocabSettings s) {
    return w.putString("tokenizer.ggml.model", "gpt2")
        .putString("tokenizer.ggml.pre", v.preTokenizer())
        .putStringArray("tokenizer.ggml.tokens", v.tokens())
        .putInt32Array("tokenizer.ggml.token_type", ggufTokenTypes(v))
        .putStringArray("tokenizer.ggml.merges", v.merges())
        .putUint32("tokenizer.ggml.bos_token_id", v.id(s.bosToken()))
        .putUint32("tokenizer.ggml.eos_token_id", v.id(s.eosToken()))
        .putUint32("tokenizer.ggml.padding_token_id", v.id(s.paddingToken()))
        .putBool("tokenizer.ggml.add_bos_token", s.addBos());
  }

  /** The files tokenizer.json, vocab.json, merges.txt and tokenizer.gguf, by name, as bytes. */
  public static Map<String, byte[]> render(Vocabulary v, VocabSettings s) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("tokenizer.json", JSON.writeValueAsBytes(huggingFaceJson(v)));
    ObjectNode vocab = JSON.createObjectNode();
    for (int i = 0; i < v.tokens().size(); i++) {
      vocab.put(v.tokens().get(i), i);
    }
    files.put("vocab.json", JSON.writeValueAsBytes(vocab));
    StringBuilder merges = new StringBuilder("#version: 0.2\n");
    for (String m : v.merges()) {
      merges.append(m).append('\n');
    }
    files.put("merges.txt", merges.toString().getBytes(StandardCharsets.UTF_8));
    GgufWriter w = new GgufWriter()
        .putString("general.type", "vocab")
        .putString("general.name", "corpusforge-bpe-" + v.tokens().size());
    files.put("tokenizer.gguf", putGgufMetadata(w, v, s).toBytes());
    return files;
  }
}
