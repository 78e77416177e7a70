package io.corpusforge.inference.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/** Pure float kernels on the JDK Vector API. Reductions that llama.cpp does in double are done in double here. */
public final class Kernels {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  private Kernels() {}

  /**
   * {@code sum a[ao+i] * b[bo+i]} for i < n in one order on every host: four 16-lane accumulators over blocks of 64,
   * then blocks of 16 into the first, the pairs added, the 16 lanes summed left to right, the rest scalar (llama.cpp's
   * AVX-512 order, which wrote the golden files). The same float on AVX2 hosts (two 8-lane vectors per accumulator):
   * where fp16 rounding follows (the F16 KV cache's query and weights), a 1-ulp difference would become an fp16 step.
   */
  public static float dot(float[] a, int ao, float[] b, int bo, int n) {
    if (F.length() == 8) {
      return dotSixteenLanesOnEight(a, ao, b, bo, n);
    }
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
   * {@link #dot}'s 16-lane order on a host with 8-lane vectors (AVX2): each 16-lane accumulator is two vectors,
   * and the lanes are summed in the same left-to-right order, so the result is the same float as on a 16-lane host.
   */
  private static float dotSixteenLanesOnEight(float[] a, int ao, float[] b, int bo, int n) {
    int i = 0;
    FloatVector s0 = FloatVector.zero(F);
    FloatVector h0 = FloatVector.zero(F);
    FloatVector s1 = FloatVector.zero(F);
    FloatVector h1 = FloatVector.zero(F);
    FloatVector s2 = FloatVector.zero(F);
    FloatVector h2 = FloatVector.zero(F);
    FloatVector s3 = FloatVector.zero(F);
    FloatVector h3 = FloatVector.zero(F);
    for (; i <= n - 64; i += 64) {
      s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
      h0 = FloatVector.fromArray(F, a, ao + i + 8).fma(FloatVector.fromArray(F, b, bo + i + 8), h0);
      s1 = FloatVector.fromArray(F, a, ao + i + 16).fma(FloatVector.fromArray(F, b, bo + i + 16), s1);
      h1 = FloatVector.fromArray(F, a, ao + i + 24).fma(FloatVector.fromArray(F, b, bo + i + 24), h1);
      s2 = FloatVector.fromArray(F, a, ao + i + 32).fma(FloatVector.fromArray(F, b, bo + i + 32), s2);
      h2 = FloatVector.fromArray(F, a, ao + i + 40).fma(FloatVector.fromArray(F, b, bo + i + 40), h2);
      s3 = FloatVector.fromArray(F, a, ao + i + 48).fma(FloatVector.fromArray(F, b, bo + i + 48), s3);
      h3 = FloatVector.fromArray(F, a, ao + i + 56).fma(FloatVector.fromArray(F, b, bo + i + 56), h3);
    }
    for (; i <= n - 16; i += 16) {
      s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
      h0 = FloatVector.fromArray(F, a, ao + i + 8).fma(FloatVector.fromArray(F, b, bo + i + 8), h0);
    }
    FloatVector lo = s0.add(s1).add(s2.add(s3));
    FloatVector hi = h0.add(h1).add(h2.add(h3));
    float sum = sumLanes(lo) + hi.lane(0) + hi.lane(1) + hi.lane(2) + hi.lane(3) + hi.lane(4) + hi.lane(5)
        + hi.lane(6) + hi.lane(7);
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

  /**
   * Shuffles of {@link #dotRows}' lane-sum tree, level {@code s} = 1, 2, …: they pick from two vectors, each holding
   * {@code m = 2^(s-1)} positions' partial sums in groups of {@code g = L/m} lanes, the lower ({@code LO}) or upper
   * ({@code HI}) half of every group, the first vector's groups in the output's lower half. LO + HI halves the groups.
   */
  private static final VectorShuffle<Float> LO1 = foldShuffle(1, false);
  private static final VectorShuffle<Float> HI1 = foldShuffle(1, true);
  private static final VectorShuffle<Float> LO2 = foldShuffle(2, false);
  private static final VectorShuffle<Float> HI2 = foldShuffle(2, true);
  private static final VectorShuffle<Float> LO3 = foldShuffle(3, false);
  private static final VectorShuffle<Float> HI3 = foldShuffle(3, true);
  private static final VectorShuffle<Float> LO4 = foldShuffle(4, false);
  private static final VectorShuffle<Float> HI4 = foldShuffle(4, true);

  /** Lane sums by {@link #dotRows}' tree: 8 lanes (AVX2) in three levels, 16 (AVX-512) in four. */
  static final boolean TREE_SUMS = F.length() == 8 || F.length() == 16;

  private static VectorShuffle<Float> foldShuffle(int level, boolean upper) {
    int l = F.length();
    int[] index = new int[l];
    int g = l >> (level - 1);
    if (g < 2) {
      return VectorShuffle.iota(F, 0, 1, true);  // a level this width does not have
    }
    int h = g / 2;
    for (int i = 0; i < l; i++) {
      int half = i / (l / 2);
      int k = i % (l / 2);
      // lanes at or above l select from the second vector
      index[i] = half * l + (k / h) * g + k % h + (upper ? h : 0);
    }
    return VectorShuffle.fromArray(F, index, 0);
  }

  /**
   * Attention scores: {@code out[oo + p] = scale * (q[qo..qo+n) · keys[ko + p*stride ..+n))} for {@code p < len}. Each
   * position's products go into {@link #dot}'s four 16-lane accumulators; their 16 lanes are then summed by a fixed
   * pairwise tree (lane j + lane j+8, then j + j+4, j + j+2, j + j+1), for {@code L} positions at once across vectors
   * (shuffle-and-add levels) instead of a serial lane sum per position. The order is fixed per lane, so a score does
   * not depend on the position's place in its block, the sequence's length, the batch or the host's vector width
   * (8-lane hosts do the first level while accumulating). {@code scratch} holds at least {@code 2*L*L} floats. Head
   * widths that are not a multiple of 64, and species without a tree, use {@link #dot} per position.
   */
  public static void dotRows(float[] q, int qo, float[] keys, int ko, int stride, int n, int len, float scale,
      float[] out, int oo, float[] scratch) {
    dotRows(q, qo, -1, keys, ko, stride, n, len, scale, out, oo, null, 0, scratch);
  }

  /**
   * {@link #dotRows} for two query heads that share their keys (grouped-query attention): each key row is read once
   * for both, and each head's scores are the same floats as its own call would give. {@code qb < 0}: head a only.
   */
  public static void dotRows(float[] q, int qa, int qb, float[] keys, int ko, int stride, int n, int len, float scale,
      float[] outA, int oa, float[] outB, int ob, float[] scratch) {
    int l = F.length();
    boolean two = qb >= 0;
    if (!TREE_SUMS || n % 64 != 0) {
      for (int p = 0; p < len; p++) {
        outA[oa + p] = dot(q, qa, keys, ko + p * stride, n) * scale;
        if (two) {
          outB[ob + p] = dot(q, qb, keys, ko + p * stride, n) * scale;
        }
      }
      return;
    }
    int second = l * l;
    FloatVector vscale = FloatVector.broadcast(F, scale);
    for (int p0 = 0; p0 < len; p0 += l) {
      int block = Math.min(l, len - p0);
      for (int t = 0; t < l; t++) {
        // four 16-lane accumulators over blocks of 64, as dot(); on 8-lane hosts in two passes over the row (lanes
        // 0-7, then 8-15; the row is in L1 by then), whose sum is the 16-lane tree's first level: the same floats
        FloatVector va = FloatVector.zero(F);
        FloatVector vb = FloatVector.zero(F);
        for (int half = 0; half < 16 / l; half++) {
          FloatVector s0 = FloatVector.zero(F);
          FloatVector s1 = FloatVector.zero(F);
          FloatVector s2 = FloatVector.zero(F);
          FloatVector s3 = FloatVector.zero(F);
          FloatVector u0 = FloatVector.zero(F);
          FloatVector u1 = FloatVector.zero(F);
          FloatVector u2 = FloatVector.zero(F);
          FloatVector u3 = FloatVector.zero(F);
          if (t < block) {
            int b = ko + (p0 + t) * stride;
            for (int i = half * l; i < n; i += 64) {
              FloatVector k0 = FloatVector.fromArray(F, keys, b + i);
              FloatVector k1 = FloatVector.fromArray(F, keys, b + i + 16);
              FloatVector k2 = FloatVector.fromArray(F, keys, b + i + 32);
              FloatVector k3 = FloatVector.fromArray(F, keys, b + i + 48);
              s0 = FloatVector.fromArray(F, q, qa + i).fma(k0, s0);
              s1 = FloatVector.fromArray(F, q, qa + i + 16).fma(k1, s1);
              s2 = FloatVector.fromArray(F, q, qa + i + 32).fma(k2, s2);
              s3 = FloatVector.fromArray(F, q, qa + i + 48).fma(k3, s3);
              if (two) {
                u0 = FloatVector.fromArray(F, q, qb + i).fma(k0, u0);
                u1 = FloatVector.fromArray(F, q, qb + i + 16).fma(k1, u1);
                u2 = FloatVector.fromArray(F, q, qb + i + 32).fma(k2, u2);
                u3 = FloatVector.fromArray(F, q, qb + i + 48).fma(k3, u3);
              }
            }
          }
          FloatVector sa = s0.add(s1).add(s2.add(s3));
          FloatVector sb = u0.add(u1).add(u2.add(u3));
          va = half == 0 ? sa : va.add(sa);
          vb = half == 0 ? sb : vb.add(sb);
        }
        va.intoArray(scratch, t * l);
        if (two) {
          vb.intoArray(scratch, second + t * l);
        }
      }
      treeSums(scratch, 0);
      FloatVector.fromArray(F, scratch, 0).mul(vscale).intoArray(scratch, 0);
      System.arraycopy(scratch, 0, outA, oa + p0, block);
      if (two) {
        treeSums(scratch, second);
        FloatVector.fromArray(F, scratch, second).mul(vscale).intoArray(scratch, second);
        System.arraycopy(scratch, second, outB, ob + p0, block);
      }
    }
  }

  /**
   * The lane-sum tree of {@link #dotRows} on {@code L} rows of {@code L} floats at {@code scratch[base..]}: level by
   * level, rows 2k and 2k+1 become row k (l vectors of one position each, then l/2 of two, ...) until the first row
   * holds one sum per position.
   */
  private static void treeSums(float[] scratch, int base) {
    int l = F.length();
    // the levels are written out so that each uses its shuffles as static final constants, which C2 folds into the
    // permutes; a shuffle taken from an array or a loop variable is an object to unbox on every use
    for (int k = 0; k < l / 2; k++) {
      FloatVector a = FloatVector.fromArray(F, scratch, base + 2 * k * l);
      FloatVector b = FloatVector.fromArray(F, scratch, base + (2 * k + 1) * l);
      a.rearrange(LO1, b).add(a.rearrange(HI1, b)).intoArray(scratch, base + k * l);
    }
    for (int k = 0; k < l / 4; k++) {
      FloatVector a = FloatVector.fromArray(F, scratch, base + 2 * k * l);
      FloatVector b = FloatVector.fromArray(F, scratch, base + (2 * k + 1) * l);
      a.rearrange(LO2, b).add(a.rearrange(HI2, b)).intoArray(scratch, base + k * l);
    }
    for (int k = 0; k < l / 8; k++) {
      FloatVector a = FloatVector.fromArray(F, scratch, base + 2 * k * l);
      FloatVector b = FloatVector.fromArray(F, scratch, base + (2 * k + 1) * l);
      a.rearrange(LO3, b).add(a.rearrange(HI3, b)).intoArray(scratch, base + k * l);
    }
    for (int k = 0; k < l / 16; k++) {
      FloatVector a = FloatVector.fromArray(F, scratch, base + 2 * k * l);
      FloatVector b = FloatVector.fromArray(F, scratch, base + (2 * k + 1) * l);
      a.rearrange(LO4, b).add(a.rearrange(HI4, b)).intoArray(scratch, base + k * l);
    }
  }

  /** The score {@link #dotRows} gives one key row, by the same tree (for tests). */
  static float treeDot(float[] q, int qo, float[] key, int ko, int n) {
    float[] out = new float[1];
    dotRows(q, qo, key, ko, 0, n, 1, 1f, out, 0, new float[2 * F.length() * F.length()]);
    return out[0];
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

  /**
   * {@link #weightedSum} for two heads that share their value rows (grouped-query attention): weights
   * {@code w[wa + p]} into {@code out[oa..]} and {@code w[wb + p]} into {@code out[ob..]}, each value row read once for
   * both. Per element the same fma chain as {@link #axpy} per position (four output vectors per head in registers).
   */
  public static void weightedSum2(float[] w, int wa, int wb, int len, float[] x, int xo, int stride, float[] out,
      int oa, int ob, int n) {
    int l = F.length();
    int c = 0;
    for (; c + 4 * l <= n; c += 4 * l) {
      FloatVector y0 = FloatVector.fromArray(F, out, oa + c);
      FloatVector y1 = FloatVector.fromArray(F, out, oa + c + l);
      FloatVector y2 = FloatVector.fromArray(F, out, oa + c + 2 * l);
      FloatVector y3 = FloatVector.fromArray(F, out, oa + c + 3 * l);
      FloatVector z0 = FloatVector.fromArray(F, out, ob + c);
      FloatVector z1 = FloatVector.fromArray(F, out, ob + c + l);
      FloatVector z2 = FloatVector.fromArray(F, out, ob + c + 2 * l);
      FloatVector z3 = FloatVector.fromArray(F, out, ob + c + 3 * l);
      for (int p = 0; p < len; p++) {
        FloatVector a = FloatVector.broadcast(F, w[wa + p]);
        FloatVector b = FloatVector.broadcast(F, w[wb + p]);
        int r = xo + p * stride + c;
        FloatVector x0 = FloatVector.fromArray(F, x, r);
        FloatVector x1 = FloatVector.fromArray(F, x, r + l);
        FloatVector x2 = FloatVector.fromArray(F, x, r + 2 * l);
        FloatVector x3 = FloatVector.fromArray(F, x, r + 3 * l);
        y0 = x0.fma(a, y0);
        y1 = x1.fma(a, y1);
        y2 = x2.fma(a, y2);
        y3 = x3.fma(a, y3);
        z0 = x0.fma(b, z0);
        z1 = x1.fma(b, z1);
        z2 = x2.fma(b, z2);
        z3 = x3.fma(b, z3);
      }
      y0.intoArray(out, oa + c);
      y1.intoArray(out, oa + c + l);
      y2.intoArray(out, oa + c + 2 * l);
      y3.intoArray(out, oa + c + 3 * l);
      z0.intoArray(out, ob + c);
      z1.intoArray(out, ob + c + l);
      z2.intoArray(out, ob + c + 2 * l);
      z3.intoArray(out, ob + c + 3 * l);
    }
    if (c < n) {
      for (int p = 0; p < len; p++) {
        axpy(w[wa + p], x, xo + p * stride + c, out, oa + c, n - c);
        axpy(w[wb + p], x, xo + p * stride + c, out, ob + c, n - c);
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
