package io.corpusforge.jobs.nightly;

import com.typesafe.config.Config;
import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.GgufArray;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.gguf.GgufWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The model product copy uses when none is configured: a tiny Qwen3-shaped network with random weights over the
 * byte-level BPE tokenizer that this run's vocab stage trained. It exists so the nightly chain runs end to end on a
 * fresh checkout; its text is meaningless. {@link #NOTICE} is what the log and the report say about it.
 */
public final class PlaceholderModel {
  public static final String NOTICE = "product copy used the placeholder model (random weights over this run's "
      + "vocab tokenizer): its text is meaningless and only shows that the chain runs";
  static final String QWEN_CHAT_TEMPLATE = "{% for message in messages %}{{'<|im_start|>' + message['role']"
      + " + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
      + "{{ '<|im_start|>assistant\\n' }}{% endif %}";

  /** The network's shape, from {@code nightly.generate.placeholder}. */
  public record Shape(int embedding, int layers, int heads, int kvHeads, int feedForward, int contextLength,
      long seed) {
    static Shape from(Config c) {
      return new Shape(c.getInt("embedding"), c.getInt("layers"), c.getInt("heads"), c.getInt("kv-heads"),
          c.getInt("feed-forward"), c.getInt("context-length"), c.getLong("seed"));
    }
  }

  private PlaceholderModel() {}

  /** Builds the model from the tokenizer metadata in {@code tokenizerGguf} (the vocab stage's tokenizer.gguf). */
  public static GgufWriter build(java.nio.file.Path tokenizerGguf, Shape s) {
    GgufWriter w = new GgufWriter();
    int vocab;
    try (GgufFile tok = GgufFile.open(tokenizerGguf)) {
      for (Map.Entry<String, Object> e : tok.metadata().entrySet()) {
        if (e.getKey().startsWith("tokenizer.")) {
          w.put(e.getKey(), tok.metadataType(e.getKey()), e.getValue());
        }
      }
      List<String> tokens = Arrays.asList(((GgufArray) tok.metadata().get("tokenizer.ggml.tokens")).strings());
      vocab = tokens.size();
      // a chat model ends its turn with <|im_end|>; the vocab stage's default end token is <|endoftext|>
      if (tokens.contains("<|im_end|>") && tokens.contains("<|im_start|>")) {
        w.putUint32("tokenizer.ggml.eos_token_id", tokens.indexOf("<|im_end|>"));
        w.putString("tokenizer.chat_template", QWEN_CHAT_TEMPLATE);
      }
    }
    String a = "qwen3";
    int headDim = s.embedding() / s.heads();
    w.putString("general.architecture", a);
    w.putString("general.name", "corpusforge nightly placeholder (random weights, meaningless text)");
    w.putUint32(a + ".context_length", s.contextLength());
    w.putUint32(a + ".embedding_length", s.embedding());
    w.putUint32(a + ".block_count", s.layers());
    w.putUint32(a + ".feed_forward_length", s.feedForward());
    w.putUint32(a + ".attention.head_count", s.heads());
    w.putUint32(a + ".attention.head_count_kv", s.kvHeads());
    w.putUint32(a + ".attention.key_length", headDim);
    w.putUint32(a + ".attention.value_length", headDim);
    w.putFloat32(a + ".attention.layer_norm_rms_epsilon", 1e-6f);
    w.putFloat32(a + ".rope.freq_base", 1000000f);
    w.putUint32(a + ".rope.dimension_count", headDim);
    SplittableRandom rnd = new SplittableRandom(s.seed());
    int dim = s.embedding();
    int qDim = s.heads() * headDim;
    int kvDim = s.kvHeads() * headDim;
    matrix(w, rnd, "token_embd.weight", dim, vocab);
    vector(w, rnd, "output_norm.weight", dim);
    for (int l = 0; l < s.layers(); l++) {
      String b = "blk." + l + ".";
      vector(w, rnd, b + "attn_norm.weight", dim);
      matrix(w, rnd, b + "attn_q.weight", dim, qDim);
      matrix(w, rnd, b + "attn_k.weight", dim, kvDim);
      matrix(w, rnd, b + "attn_v.weight", dim, kvDim);
      vector(w, rnd, b + "attn_q_norm.weight", headDim);
      vector(w, rnd, b + "attn_k_norm.weight", headDim);
      matrix(w, rnd, b + "attn_output.weight", qDim, dim);
      vector(w, rnd, b + "ffn_norm.weight", dim);
      matrix(w, rnd, b + "ffn_gate.weight", dim, s.feedForward());
      matrix(w, rnd, b + "ffn_up.weight", dim, s.feedForward());
      matrix(w, rnd, b + "ffn_down.weight", s.feedForward(), dim);
    }
    return w;
  }

  /** Norm weights near 1. */
  private static void vector(GgufWriter w, SplittableRandom rnd, String name, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (1.0 + 0.1 * rnd.nextGaussian());
    }
    w.addTensor(name, GgmlType.F32, new long[] {n}, v);
  }

  /** A {@code rows x cols} matrix (GGUF shape {cols, rows}), entries of about 1/sqrt(cols). */
  private static void matrix(GgufWriter w, SplittableRandom rnd, String name, int cols, int rows) {
    float[] v = new float[cols * rows];
    double std = 1.0 / Math.sqrt(cols);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (std * rnd.nextGaussian());
    }
    w.addTensor(name, GgmlType.F32, new long[] {cols, rows}, v);
  }
}
