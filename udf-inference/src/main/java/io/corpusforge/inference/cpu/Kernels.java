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
    if (v.length() == 16) {
      // 512-bit species (SPECIES_PREFERRED on hosts with AVX-512): the same order as the loop below, without its array
      return v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3) + v.lane(4) + v.lane(5) + v.lane(6) + v.lane(7)
          + v.lane(8) + v.lane(9) + v.lane(10) + v.lane(11) + v.lane(12) + v.lane(13) + v.lane(14) + v.lane(15);
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

  /**
   * {@code out[oo + i] += sum_p w[p] * x[xo + p * stride + i]} for {@code p < len}, {@code i < n}: attention's weighted
   * sum of value rows. Per element the same fma chain, in the same order, as {@link #axpy} called once per position
   * (bit-identical to it), with up to eight vectors of the output held in registers across all positions instead of
   * loaded and stored per position.
   */
  public static void weightedSum(float[] w, int len, float[] x, int xo, int stride, float[] out, int oo, int n) {
    int l = F.length();
    int c = 0;
    for (; c + 8 * l <= n; c += 8 * l) {
      int o = oo + c;
      FloatVector y0 = FloatVector.fromArray(F, out, o);
      FloatVector y1 = FloatVector.fromArray(F, out, o + l);
      FloatVector y2 = FloatVector.fromArray(F, out, o + 2 * l);
      FloatVector y3 = FloatVector.fromArray(F, out, o + 3 * l);
      FloatVector y4 = FloatVector.fromArray(F, out, o + 4 * l);
      FloatVector y5 = FloatVector.fromArray(F, out, o + 5 * l);
      FloatVector y6 = FloatVector.fromArray(F, out, o + 6 * l);
      FloatVector y7 = FloatVector.fromArray(F, out, o + 7 * l);
      for (int p = 0; p < len; p++) {
        FloatVector a = FloatVector.broadcast(F, w[p]);
        int b = xo + p * stride + c;
        y0 = FloatVector.fromArray(F, x, b).fma(a, y0);
        y1 = FloatVector.fromArray(F, x, b + l).fma(a, y1);
        y2 = FloatVector.fromArray(F, x, b + 2 * l).fma(a, y2);
        y3 = FloatVector.fromArray(F, x, b + 3 * l).fma(a, y3);
        y4 = FloatVector.fromArray(F, x, b + 4 * l).fma(a, y4);
        y5 = FloatVector.fromArray(F, x, b + 5 * l).fma(a, y5);
        y6 = FloatVector.fromArray(F, x, b + 6 * l).fma(a, y6);
        y7 = FloatVector.fromArray(F, x, b + 7 * l).fma(a, y7);
      }
      y0.intoArray(out, o);
      y1.intoArray(out, o + l);
      y2.intoArray(out, o + 2 * l);
      y3.intoArray(out, o + 3 * l);
      y4.intoArray(out, o + 4 * l);
      y5.intoArray(out, o + 5 * l);
      y6.intoArray(out, o + 6 * l);
      y7.intoArray(out, o + 7 * l);
    }
    if (c < n) {
      // what is left (heads narrower than eight vectors): axpy's own loops, so the same operations per element
      for (int p = 0; p < len; p++) {
        axpy(w[p], x, xo + p * stride + c, out, oo + c, n - c);
      }
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
