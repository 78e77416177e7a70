package io.corpusforge.inference.model;

import io.corpusforge.inference.gguf.GgufException;
import java.util.Arrays;

/**
 * The transformer families the engine runs. They share one decoder-only block (RMSNorm, rotary attention with
 * grouped KV heads, SwiGLU MLP) and differ only in these traits, so one forward pass serves all of them.
 * The rope pairing is a property of the family in llama.cpp too (llama_model_rope_type), not of the file.
 */
public enum Architecture {
  LLAMA("llama", RopeType.NORMAL, false, false),
  QWEN2("qwen2", RopeType.NEOX, true, false),
  QWEN3("qwen3", RopeType.NEOX, false, true);

  /** {@code general.architecture} value and the prefix of the family's metadata keys. */
  public final String ggufName;
  public final RopeType ropeType;
  /** Q, K and V projections carry a bias (Qwen2). */
  public final boolean qkvBias;
  /** Per-head RMSNorm of Q and K before rope (Qwen3). */
  public final boolean qkNorm;

  Architecture(String ggufName, RopeType ropeType, boolean qkvBias, boolean qkNorm) {
    this.ggufName = ggufName;
    this.ropeType = ropeType;
    this.qkvBias = qkvBias;
    this.qkNorm = qkNorm;
  }

  public static Architecture fromGguf(String name) {
    for (Architecture a : values()) {
      if (a.ggufName.equals(name)) {
        return a;
      }
    }
    throw new GgufException("unsupported architecture '" + name + "' (supported: "
        + Arrays.stream(values()).map(a -> a.ggufName).toList() + ")");
  }
}
