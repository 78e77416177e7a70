package io.corpusforge.inference.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Pure float kernels on the JDK Vector API. Reductions that llama.cpp does in double are done in double here. */
public final class Kernels {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private Kernels() {}

  /** {@code sum a[ao+i] * b[bo+i]} for i < n, four vector accumulators. */
  public static float dot(float[] a, int ao, float[] b, int bo, int n) {
    int i = 0;
    int step = F.length();
    FloatVector s0 = FloatVector.zero(F);
    FloatVector s1 = FloatVector.zero(F);
    FloatVector s2 = FloatVector.zero(F);
    FloatVector s3 = FloatVector.zero(F);
    for (; i <= n - 4 * step; i += 4 * step) {
      s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
      s1 = FloatVector.fromArray(F, a, ao + i + step).fma(FloatVector.fromArray(F, b, bo + i + step), s1);
      s2 = FloatVector.fromArray(F, a, ao + i + 2 * step).fma(FloatVector.fromArray(F, b, bo + i + 2 * step), s2);
      s3 = FloatVector.fromArray(F, a, ao + i + 3 * step).fma(FloatVector.fromArray(F, b, bo + i + 3 * step), s3);
    }
    for (; i <= n - step; i += step) {
      s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
    }
    float sum = sumLanes(s0.add(s1).add(s2.add(s3)));
    for (; i < n; i++) {
      sum += a[ao + i] * b[bo + i];
    }
    return sum;
  }

  /**
   * Lane sum in a fixed order. {@code reduceLanes(ADD)} leaves the order open (it differs between the interpreter and
   * compiled code), which would make results depend on JIT warm-up.
   */
  static float sumLanes(FloatVector v) {
    if (v.length() == 8) {
      // constant lane indices are intrinsified and allocate nothing (with the array below, batched decode made
      // ~1.3 GB/s of garbage, a young GC every 0.4 s); same left-to-right order as the loop
      return v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3) + v.lane(4) + v.lane(5) + v.lane(6) + v.lane(7);
    }
    // other widths: through an array (lane(i) with a loop index is not intrinsified: a quarter of a decode step)
    float[] lanes = new float[v.length()];
    v.intoArray(lanes, 0);
    float sum = 0;
    for (float x : lanes) {
      sum += x;
    }
    return sum;
  }

  /** {@code y[yo+i] += a * x[xo+i]}. */
  public static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
    int i = 0;
    FloatVector va = FloatVector.broadcast(F, a);
    for (; i <= n - F.length(); i += F.length()) {
      FloatVector.fromArray(F, x, xo + i).fma(va, FloatVector.fromArray(F, y, yo + i)).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] += a * x[xo + i];
    }
  }

  /** {@code out = x / sqrt(mean(x^2) + eps) * w}, like ggml's rms_norm followed by mul. */
  public static void rmsNorm(float[] x, int xo, float[] w, int wo, float[] out, int oo, int n, float eps) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += (double) x[xo + i] * x[xo + i];
    }
    float mean = (float) (sum / n);
    float scale = (float) (1.0 / Math.sqrt(mean + eps));
    for (int i = 0; i < n; i++) {
      out[oo + i] = (x[xo + i] * scale) * w[wo + i];
    }
  }

  /** {@code a[i] += b[i]}. */
  public static void add(float[] a, int ao, float[] b, int bo, int n) {
    int i = 0;
    for (; i <= n - F.length(); i += F.length()) {
      FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i)).intoArray(a, ao + i);
    }
    for (; i < n; i++) {
      a[ao + i] += b[bo + i];
    }
  }

  /** In place: {@code gate[i] = silu(gate[i]) * up[i]}. */
  public static void swiglu(float[] gate, int go, float[] up, int uo, int n) {
    for (int i = 0; i < n; i++) {
      float g = gate[go + i];
      gate[go + i] = g / (1f + (float) Math.exp(-g)) * up[uo + i];
    }
  }

  /** In-place softmax of {@code x[o..o+n)}, the sum in double as ggml does. */
  public static void softmax(float[] x, int o, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, x[o + i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float e = (float) Math.exp(x[o + i] - max);
      x[o + i] = e;
      sum += e;
    }
    float inv = (float) (1.0 / sum);
    for (int i = 0; i < n; i++) {
      x[o + i] *= inv;
    }
  }

  /** {@code out[oo+i] = x[xo+i]} rounded to fp16 and back (in place when the arrays are the same). */
  public static void roundToF16(float[] x, int xo, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) {
      out[oo + i] = Float.float16ToFloat(Float.floatToFloat16(x[xo + i]));
    }
  }

  /** {@code out[oo+i] = half[ho+i]} from fp16 bits (a loop C2 vectorizes with F16C). */
  public static void f16ToFloat(short[] half, int ho, float[] out, int oo, int n) {
    for (int i = 0; i < n; i++) {
      out[oo + i] = Float.float16ToFloat(half[ho + i]);
    }
  }
}
