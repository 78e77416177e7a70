package io.corpusforge.inference.model;

/** GGUF tensor names of the decoder families (llama.cpp's naming), described once for every backend. */
public final class TensorNames {
  public static final String TOKEN_EMBD = "token_embd.weight";
  public static final String OUTPUT_NORM = "output_norm.weight";
  public static final String OUTPUT = "output.weight";
  public static final String ROPE_FREQS = "rope_freqs.weight";

  private TensorNames() {}

  public static String attnNorm(int layer) {
    return blk(layer, "attn_norm.weight");
  }

  public static String attnQ(int layer) {
    return blk(layer, "attn_q.weight");
  }

  public static String attnK(int layer) {
    return blk(layer, "attn_k.weight");
  }

  public static String attnV(int layer) {
    return blk(layer, "attn_v.weight");
  }

  public static String attnQBias(int layer) {
    return blk(layer, "attn_q.bias");
  }

  public static String attnKBias(int layer) {
    return blk(layer, "attn_k.bias");
  }

  public static String attnVBias(int layer) {
    return blk(layer, "attn_v.bias");
  }

  public static String attnQNorm(int layer) {
    return blk(layer, "attn_q_norm.weight");
  }

  public static String attnKNorm(int layer) {
    return blk(layer, "attn_k_norm.weight");
  }

  public static String attnOutput(int layer) {
    return blk(layer, "attn_output.weight");
  }

  public static String ffnNorm(int layer) {
    return blk(layer, "ffn_norm.weight");
  }

  public static String ffnGate(int layer) {
    return blk(layer, "ffn_gate.weight");
  }

  public static String ffnUp(int layer) {
    return blk(layer, "ffn_up.weight");
  }

  public static String ffnDown(int layer) {
    return blk(layer, "ffn_down.weight");
  }

  private static String blk(int layer, String suffix) {
    return "blk." + layer + "." + suffix;
  }
}
