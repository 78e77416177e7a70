package io.corpusforge.inference.cpu;

import io.corpusforge.inference.model.RopeType;

/**
 * Rotary position embedding as ggml computes it: theta advances by a float multiply per pair
 * ({@code theta_scale = base^(-2/ropeDim)}), divided by an optional per-pair frequency factor (Llama 3 scaling) and
 * multiplied by the linear frequency scale. Dimensions past {@code ropeDim} pass through. Public so a device
 * backend uploads the very same cos/sin tables.
 */
public final class Rope {
  private final RopeType type;
  private final int ropeDim;
  private final float thetaScale;
  private final float freqScale;
  private final float[] freqFactors;

  public Rope(RopeType type, int ropeDim, float base, float freqScale, float[] freqFactors) {
    this.type = type;
    this.ropeDim = ropeDim;
    this.thetaScale = (float) Math.pow(base, -2.0f / ropeDim);
    this.freqScale = freqScale;
    this.freqFactors = freqFactors;
  }

  /** cos/sin table for one position: {@code [cos0, sin0, cos1, sin1, ...]} over ropeDim/2 pairs. */
  public float[] table(int pos) {
    float[] cs = new float[ropeDim];
    float theta = pos;
    for (int i0 = 0; i0 < ropeDim; i0 += 2) {
      float ff = freqFactors != null ? freqFactors[i0 / 2] : 1f;
      float t = freqScale * (theta / ff);
      cs[i0] = (float) Math.cos(t);
      cs[i0 + 1] = (float) Math.sin(t);
      theta *= thetaScale;
    }
    return cs;
  }

  /** Rotates one head {@code x[o..o+headDim)} in place. */
  void apply(float[] x, int o, float[] cs) {
    int half = ropeDim / 2;
    for (int i0 = 0; i0 < ropeDim; i0 += 2) {
      int a;
      int b;
      if (type == RopeType.NORMAL) {
        a = o + i0;
        b = a + 1;
      } else {
        a = o + i0 / 2;
        b = a + half;
      }
      float x0 = x[a];
      float x1 = x[b];
      float c = cs[i0];
      float s = cs[i0 + 1];
      x[a] = x0 * c - x1 * s;
      x[b] = x0 * s + x1 * c;
    }
  }
}
