package io.corpusforge.inference.tornado;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;

/**
 * The forward pass as TornadoVM kernels. Pure functions of their arguments, compiled for the device (and runnable as
 * plain Java). Every reduction has a fixed order per output element: a thread sums a fixed stride of the row, then
 * a tree over the work-group's local memory; which other rows or tokens share the step never changes it, so a row's
 * result is the same whatever the batch (batch invariance on the device).
 *
 * <p>Per-step values (token count, ids, positions, slots, logit rows, prefix copies) come in the {@link StepLayout}
 * array; work-groups past the step's token count do nothing, so one compiled program serves every padded size.
 * Model dimensions come in the constant {@code shape} array ({@link StepLayout#S_DIM} ...). Half-precision numbers
 * are decoded through a 65536-entry table (exact, and it needs no half type, which PoCL 3 rejects); GGUF blocks are
 * read as bytes where they lie in the file's layout.
 */
public final class DeviceKernels {
  /** Threads per matrix row. */
  static final int ROW_LS = 32;
  /** Tokens per matrix work-group (the weight row is read once per token from cache). */
  static final int TILE = 8;
  /** Threads per token for norms, element-wise steps and rounding. */
  static final int VEC_LS = 64;
  /** Threads per (token, head) for the rope/norm step and attention. */
  static final int HEAD_LS = 32;
  /** Largest head size the per-head step holds in local memory. */
  static final int MAX_HEAD = 256;
  /** Threads per logit row for the device argmax. */
  static final int ARGMAX_LS = 64;

  /** Activation rounding before a matrix product, as the CPU backend (and llama.cpp) rounds for the weight type. */
  static final int ROUND_Q8_0 = 1;
  static final int ROUND_F16 = 2;
  static final int ROUND_BF16 = 3;

  /** Weight types the kernels read (GGML type ids). */
  static final int T_F32 = 0;
  static final int T_F16 = 1;
  static final int T_Q4_0 = 2;
  static final int T_Q8_0 = 8;

  private DeviceKernels() {}

  // ---------------------------------------------------------------- embeddings

  /**
   * {@code x[t] = row ids[t] of the embedding}, decoded from its {@code type} (a GGML type id; the array of that
   * type is used, the others are placeholders). TornadoVM compiles scalar arguments as constants, so only the
   * type's branch remains in the compiled kernel.
   */
  public static void embed(KernelContext c, IntArray step, int type, FloatArray wf, ShortArray wh, ByteArray wq,
      FloatArray half, FloatArray x, int dim) {
    int t = c.groupIdx;
    if (t < step.get(StepLayout.TOKENS)) {
      int row = step.get(StepLayout.IDS + t);
      for (int j = c.localIdx; j < dim; j += VEC_LS) {
        x.set(t * dim + j, element(type, wf, wh, wq, half, row, j, dim));
      }
    }
  }

  /** Element {@code j} of row {@code row} of a weight with {@code n} values per row. */
  static float element(int type, FloatArray wf, ShortArray wh, ByteArray wq, FloatArray half, int row, int j,
      int n) {
    float v;
    if (type == T_F32) {
      v = wf.get(row * n + j);
    } else if (type == T_F16) {
      v = half.get(wh.get(row * n + j) & 0xFFFF);
    } else if (type == T_Q8_0) {
      int b = row * (n / 32 * 34) + (j / 32) * 34;
      v = half.get((wq.get(b) & 0xFF) | ((wq.get(b + 1) & 0xFF) << 8)) * wq.get(b + 2 + j % 32);
    } else {
      int b = row * (n / 32 * 18) + (j / 32) * 18;
      int k = j % 32;
      int q = wq.get(b + 2 + k % 16) & 0xFF;
      int nibble = k < 16 ? (q & 15) : (q >> 4);
      float q4 = (float) nibble - 8f;
      v = half.get((wq.get(b) & 0xFF) | ((wq.get(b + 1) & 0xFF) << 8)) * q4;
    }
    return v;
  }

  // ---------------------------------------------------------------- norms, rounding, element-wise

  /**
   * {@code out[t] = x[src] / sqrt(mean(x[src]^2) + eps) * w} for the step's tokens ({@code gather == 0}: src = t) or
   * its logit rows ({@code gather == 1}: src = the token of logit row t).
   */
  public static void rmsNorm(KernelContext c, IntArray step, FloatArray x, FloatArray w, FloatArray out, int dim,
      float eps, int gather) {
    int t = c.groupIdx;
    int lid = c.localIdx;
    float[] part = c.allocateFloatLocalArray(VEC_LS);
    boolean live = t < step.get(gather == 1 ? StepLayout.ROWS : StepLayout.TOKENS);
    int src = 0;
    if (live) {
      src = gather == 1 ? step.get(StepLayout.rowTokens(step) + t) : t;
    }
    float s = 0f;
    if (live) {
      for (int j = lid; j < dim; j += VEC_LS) {
        float v = x.get(src * dim + j);
        s += v * v;
      }
    }
    part[lid] = s;
    for (int stride = VEC_LS / 2; stride > 0; stride /= 2) {
      c.localBarrier();
      if (lid < stride) {
        part[lid] += part[lid + stride];
      }
    }
    c.localBarrier();
    if (live) {
      float scale = 1f / TornadoMath.sqrt(part[0] / dim + eps);
      for (int j = lid; j < dim; j += VEC_LS) {
        out.set(t * dim + j, (x.get(src * dim + j) * scale) * w.get(j));
      }
    }
  }

  /**
   * {@code dst = round(src)} for the first {@code step[countAt]} rows of {@code n} values: Q8_0 blocks of 32
   * (scale {@code amax / 127} stored as F16, values rounded half to even) or F16 values.
   */
  public static void roundActivations(KernelContext c, IntArray step, FloatArray src, FloatArray dst, int n,
      int mode, int countAt) {
    int t = c.groupIdx;
    if (t < step.get(countAt)) {
      int o = t * n;
      if (mode == ROUND_Q8_0) {
        for (int b = c.localIdx; b < n / 32; b += VEC_LS) {
          int bo = o + b * 32;
          float amax = 0f;
          for (int j = 0; j < 32; j++) {
            amax = TornadoMath.max(amax, TornadoMath.abs(src.get(bo + j)));
          }
          float d = amax / 127f;
          float id = amax != 0f ? 127f / amax : 0f;
          float dh = toHalf(d);
          for (int j = 0; j < 32; j++) {
            dst.set(bo + j, dh * rint(src.get(bo + j) * id));
          }
        }
      } else if (mode == ROUND_F16) {
        for (int j = c.localIdx; j < n; j += VEC_LS) {
          dst.set(o + j, toHalf(src.get(o + j)));
        }
      } else {
        for (int j = c.localIdx; j < n; j += VEC_LS) {
          dst.set(o + j, toBf16(src.get(o + j)));
        }
      }
    }
  }

  /** In place: {@code gate = silu(gate) * up}. */
  public static void swiglu(KernelContext c, IntArray step, FloatArray gate, FloatArray up, int n) {
    int t = c.groupIdx;
    if (t < step.get(StepLayout.TOKENS)) {
      for (int j = c.localIdx; j < n; j += VEC_LS) {
        int i = t * n + j;
        float g = gate.get(i);
        gate.set(i, g / (1f + TornadoMath.exp(-g)) * up.get(i));
      }
    }
  }

  // ---------------------------------------------------------------- matrix products

  /**
   * {@code out[t][r] (+)= W[r] . x[t]} for the step's tokens (or logit rows: {@code countAt}), the weight of GGML
   * type {@code type} read in its file layout (see {@link #embed} for the placeholder arrays). Work-group = (row,
   * tile of {@link #TILE} tokens); per token each thread sums a fixed stride of the row (whole blocks for the quants:
   * {@code d * sum(q * x)}), then a tree over the work-group's local memory. The reduction stays in this method:
   * TornadoVM 5.2 mis-indexes a local array passed to a helper.
   */
  public static void matmul(KernelContext c, IntArray step, int type, FloatArray wf, ShortArray wh, ByteArray wq,
      FloatArray half, FloatArray x, FloatArray out, int n, int rows, int countAt, int accumulate) {
    int r = c.groupIdx;
    int lid = c.localIdx;
    int count = step.get(countAt);
    float[] part = c.allocateFloatLocalArray(ROW_LS * TILE);
    for (int tt = 0; tt < TILE; tt++) {
      int t = c.groupIdy * TILE + tt;
      float acc = 0f;
      if (t < count) {
        acc = rowDot(type, wf, wh, wq, half, x, r, t, n, lid);
      }
      part[tt * ROW_LS + lid] = acc;
    }
    for (int stride = ROW_LS / 2; stride > 0; stride /= 2) {
      c.localBarrier();
      if (lid < stride) {
        for (int tt = 0; tt < TILE; tt++) {
          part[tt * ROW_LS + lid] += part[tt * ROW_LS + lid + stride];
        }
      }
    }
    c.localBarrier();
    if (lid < TILE) {
      int t = c.groupIdy * TILE + lid;
      if (t < count) {
        int o = t * rows + r;
        float v = part[lid * ROW_LS];
        if (accumulate == 1) {
          v = out.get(o) + v;
        }
        out.set(o, v);
      }
    }
  }

  /** One thread's share of {@code W[r] . x[t]}: elements (or blocks) {@code lid, lid + ROW_LS, ...} in order. */
  static float rowDot(int type, FloatArray wf, ShortArray wh, ByteArray wq, FloatArray half, FloatArray x, int r,
      int t, int n, int lid) {
    float acc = 0f;
    if (type == T_F32) {
      for (int j = lid; j < n; j += ROW_LS) {
        acc += wf.get(r * n + j) * x.get(t * n + j);
      }
    } else if (type == T_F16) {
      for (int j = lid; j < n; j += ROW_LS) {
        acc += half.get(wh.get(r * n + j) & 0xFFFF) * x.get(t * n + j);
      }
    } else if (type == T_Q8_0) {
      int rowBase = r * (n / 32 * 34);
      for (int b = lid; b < n / 32; b += ROW_LS) {
        int bo = rowBase + b * 34;
        int xo = t * n + b * 32;
        float s = 0f;
        for (int j = 0; j < 32; j++) {
          s += wq.get(bo + 2 + j) * x.get(xo + j);
        }
        acc += half.get((wq.get(bo) & 0xFF) | ((wq.get(bo + 1) & 0xFF) << 8)) * s;
      }
    } else {
      int rowBase = r * (n / 32 * 18);
      for (int b = lid; b < n / 32; b += ROW_LS) {
        int bo = rowBase + b * 18;
        int xo = t * n + b * 32;
        float s = 0f;
        for (int j = 0; j < 16; j++) {
          int q = wq.get(bo + 2 + j) & 0xFF;
          // to float before subtracting: TornadoVM 5.2 keeps (b & 0xFF) >> 4 unsigned, so an int "- 8" would wrap
          float lo = (float) (q & 15) - 8f;
          float hi = (float) (q >> 4) - 8f;
          s += lo * x.get(xo + j);
          s += hi * x.get(xo + 16 + j);
        }
        acc += half.get((wq.get(bo) & 0xFF) | ((wq.get(bo + 1) & 0xFF) << 8)) * s;
      }
    }
    return acc;
  }

  // ---------------------------------------------------------------- attention

  /**
   * Per (head, token) work-group, query heads first then KV heads: QKV bias, Qwen3's per-head RMSNorm, rotary
   * embedding from the host-computed cos/sin table (the CPU backend's own); queries, keys and values back in place
   * ({@link #kvStore} then writes keys and values into the cache).
   */
  public static void qkvHeads(KernelContext c, IntArray step, IntArray shape, FloatArray q, FloatArray k,
      FloatArray v, FloatArray qBias, FloatArray kBias, FloatArray vBias, FloatArray qNorm, FloatArray kNorm,
      FloatArray rope, float eps) {
    int h = c.groupIdx;
    int t = c.groupIdy;
    int lid = c.localIdx;
    int heads = shape.get(StepLayout.S_HEADS);
    int kvHeads = shape.get(StepLayout.S_KV_HEADS);
    int hd = shape.get(StepLayout.S_HEAD_DIM);
    int vd = shape.get(StepLayout.S_VALUE_DIM);
    int ropeDim = shape.get(StepLayout.S_ROPE_DIM);
    int tmax = shape.get(StepLayout.S_TMAX);
    boolean bias = shape.get(StepLayout.S_QKV_BIAS) == 1;
    boolean qkNorm = shape.get(StepLayout.S_QK_NORM) == 1;
    boolean neox = shape.get(StepLayout.S_NEOX) == 1;
    boolean live = t < step.get(StepLayout.TOKENS);
    boolean isQ = h < heads;
    int kvh = h - heads;
    int qDim = heads * hd;
    int kvDim = kvHeads * hd;
    int vDim = kvHeads * vd;
    float[] buf = c.allocateFloatLocalArray(MAX_HEAD);
    float[] part = c.allocateFloatLocalArray(HEAD_LS);
    int pos = 0;
    if (live) {
      pos = step.get(StepLayout.IDS + tmax + t);
    }
    for (int j = lid; j < hd; j += HEAD_LS) {
      float val = 0f;
      if (live) {
        if (isQ) {
          val = q.get(t * qDim + h * hd + j);
          if (bias) {
            val += qBias.get(h * hd + j);
          }
        } else {
          val = k.get(t * kvDim + kvh * hd + j);
          if (bias) {
            val += kBias.get(kvh * hd + j);
          }
        }
      }
      buf[j] = val;
    }
    c.localBarrier();
    if (qkNorm) {
      float s = 0f;
      for (int j = lid; j < hd; j += HEAD_LS) {
        s += buf[j] * buf[j];
      }
      part[lid] = s;
      for (int stride = HEAD_LS / 2; stride > 0; stride /= 2) {
        c.localBarrier();
        if (lid < stride) {
          part[lid] += part[lid + stride];
        }
      }
      c.localBarrier();
      float scale = 1f / TornadoMath.sqrt(part[0] / hd + eps);
      c.localBarrier();
      for (int j = lid; j < hd; j += HEAD_LS) {
        buf[j] = (buf[j] * scale) * (isQ ? qNorm.get(j) : kNorm.get(j));
      }
      c.localBarrier();
    }
    if (live) {
      int dest = isQ ? t * qDim + h * hd : t * kvDim + kvh * hd;
      int half = ropeDim / 2;
      for (int p = lid; p < half; p += HEAD_LS) {
        int a = neox ? p : 2 * p;
        int b = neox ? p + half : 2 * p + 1;
        float cs = rope.get(pos * ropeDim + 2 * p);
        float sn = rope.get(pos * ropeDim + 2 * p + 1);
        float x0 = buf[a];
        float x1 = buf[b];
        float ra = x0 * cs - x1 * sn;
        float rb = x0 * sn + x1 * cs;
        if (isQ) {
          q.set(dest + a, ra);
          q.set(dest + b, rb);
        } else {
          k.set(dest + a, ra);
          k.set(dest + b, rb);
        }
      }
      for (int j = ropeDim + lid; j < hd; j += HEAD_LS) {
        if (isQ) {
          q.set(dest + j, buf[j]);
        } else {
          k.set(dest + j, buf[j]);
        }
      }
      if (!isQ && bias) {
        for (int j = lid; j < vd; j += HEAD_LS) {
          v.set(t * vDim + kvh * vd + j, v.get(t * vDim + kvh * vd + j) + vBias.get(kvh * vd + j));
        }
      }
    }
  }

  /**
   * Per token work-group: its keys and values into the slot's KV cache at its position, as F32 ({@code kf, vf}) or,
   * when the shape says F16, as half bits ({@code kh, vh}; rounded to nearest even as {@code Float.floatToFloat16}),
   * and then the token's queries rounded to F16 too.
   */
  public static void kvStore(KernelContext c, IntArray step, IntArray shape, FloatArray q, FloatArray k,
      FloatArray v, FloatArray kf, FloatArray vf, ShortArray kh, ShortArray vh) {
    int t = c.groupIdx;
    int kvDim = shape.get(StepLayout.S_KV_HEADS) * shape.get(StepLayout.S_HEAD_DIM);
    int vDim = shape.get(StepLayout.S_KV_HEADS) * shape.get(StepLayout.S_VALUE_DIM);
    int ctxLen = shape.get(StepLayout.S_CONTEXT);
    int tmax = shape.get(StepLayout.S_TMAX);
    boolean f16 = shape.get(StepLayout.S_KV_F16) == 1;
    if (t < step.get(StepLayout.TOKENS)) {
      int pos = step.get(StepLayout.IDS + tmax + t);
      int slot = step.get(StepLayout.IDS + 2 * tmax + t);
      int ko = (slot * ctxLen + pos) * kvDim;
      int vo = (slot * ctxLen + pos) * vDim;
      for (int j = c.localIdx; j < kvDim; j += VEC_LS) {
        if (f16) {
          kh.set(ko + j, (short) halfBits(k.get(t * kvDim + j)));
        } else {
          kf.set(ko + j, k.get(t * kvDim + j));
        }
      }
      if (f16) {
        // as llama.cpp with an F16 cache: the query meets the fp16 keys as fp16 (attention is q's only reader)
        int qDim = shape.get(StepLayout.S_HEADS) * shape.get(StepLayout.S_HEAD_DIM);
        for (int j = c.localIdx; j < qDim; j += VEC_LS) {
          q.set(t * qDim + j, toHalf(q.get(t * qDim + j)));
        }
      }
      for (int j = c.localIdx; j < vDim; j += VEC_LS) {
        if (f16) {
          vh.set(vo + j, (short) halfBits(v.get(t * vDim + j)));
        } else {
          vf.set(vo + j, v.get(t * vDim + j));
        }
      }
    }
  }

  /**
   * Per (head, token) work-group: scores of the query against the slot's keys at positions {@code 0..pos}, softmax,
   * and the probability-weighted sum of the values (grouped-query: query head h reads KV head h / group).
   */
  public static void attention(KernelContext c, IntArray step, IntArray shape, FloatArray q, FloatArray kf,
      FloatArray vf, ShortArray kh, ShortArray vh, FloatArray half, FloatArray scores, FloatArray out, float scale) {
    int h = c.groupIdx;
    int t = c.groupIdy;
    int lid = c.localIdx;
    int heads = shape.get(StepLayout.S_HEADS);
    int kvHeads = shape.get(StepLayout.S_KV_HEADS);
    int hd = shape.get(StepLayout.S_HEAD_DIM);
    int vd = shape.get(StepLayout.S_VALUE_DIM);
    int ctxLen = shape.get(StepLayout.S_CONTEXT);
    int tmax = shape.get(StepLayout.S_TMAX);
    boolean live = t < step.get(StepLayout.TOKENS);
    boolean f16 = shape.get(StepLayout.S_KV_F16) == 1;
    int kvh = h / (heads / kvHeads);
    int kvDim = kvHeads * hd;
    int vDim = kvHeads * vd;
    float[] part = c.allocateFloatLocalArray(HEAD_LS);
    int len = 0;
    int slot = 0;
    if (live) {
      len = step.get(StepLayout.IDS + tmax + t) + 1;
      slot = step.get(StepLayout.IDS + 2 * tmax + t);
    }
    int so = (t * heads + h) * ctxLen;
    int qo = t * heads * hd + h * hd;
    float max = -Float.MAX_VALUE;
    for (int p = lid; p < len; p += HEAD_LS) {
      int ko = (slot * ctxLen + p) * kvDim + kvh * hd;
      float s = 0f;
      for (int d = 0; d < hd; d++) {
        s += q.get(qo + d) * (f16 ? half.get(kh.get(ko + d) & 0xFFFF) : kf.get(ko + d));
      }
      s = s * scale;
      scores.set(so + p, s);
      max = TornadoMath.max(max, s);
    }
    part[lid] = max;
    for (int stride = HEAD_LS / 2; stride > 0; stride /= 2) {
      c.localBarrier();
      if (lid < stride) {
        part[lid] = TornadoMath.max(part[lid], part[lid + stride]);
      }
    }
    c.localBarrier();
    max = part[0];
    c.localBarrier();
    float sum = 0f;
    for (int p = lid; p < len; p += HEAD_LS) {
      float e = TornadoMath.exp(scores.get(so + p) - max);
      scores.set(so + p, e);
      sum += e;
    }
    part[lid] = sum;
    for (int stride = HEAD_LS / 2; stride > 0; stride /= 2) {
      c.localBarrier();
      if (lid < stride) {
        part[lid] += part[lid + stride];
      }
    }
    c.localBarrier();
    float inv = 1f / part[0];
    // the attention weights; with an F16 cache rounded to halves, as llama.cpp (and the CPU backend) multiply them
    // with fp16 values
    for (int p = lid; p < len; p += HEAD_LS) {
      float w = scores.get(so + p) * inv;
      scores.set(so + p, f16 ? toHalf(w) : w);
    }
    // scores written by other threads are read below
    c.globalBarrier();
    if (live) {
      for (int d = lid; d < vd; d += HEAD_LS) {
        float acc = 0f;
        for (int p = 0; p < len; p++) {
          int vi = (slot * ctxLen + p) * vDim + kvh * vd + d;
          acc += scores.get(so + p) * (f16 ? half.get(vh.get(vi) & 0xFFFF) : vf.get(vi));
        }
        out.set((t * heads + h) * vd + d, acc);
      }
    }
  }

  /** The step's prefix copies (from slot, to slot, positions) of one layer's keys and values, grid-strided. */
  public static void copyPrefixes(KernelContext c, IntArray step, IntArray shape, FloatArray kf, FloatArray vf,
      ShortArray kh, ShortArray vh) {
    boolean f16 = shape.get(StepLayout.S_KV_F16) == 1;
    int copies = step.get(StepLayout.COPIES);
    int ctxLen = shape.get(StepLayout.S_CONTEXT);
    int kvDim = shape.get(StepLayout.S_KV_HEADS) * shape.get(StepLayout.S_HEAD_DIM);
    int vDim = shape.get(StepLayout.S_KV_HEADS) * shape.get(StepLayout.S_VALUE_DIM);
    int at = StepLayout.copies(step);
    for (int i = 0; i < copies; i++) {
      int from = step.get(at + 3 * i);
      int to = step.get(at + 3 * i + 1);
      int n = step.get(at + 3 * i + 2);
      for (int j = c.globalIdx; j < n * kvDim; j += c.globalGroupSizeX) {
        if (f16) {
          kh.set(to * ctxLen * kvDim + j, kh.get(from * ctxLen * kvDim + j));
        } else {
          kf.set(to * ctxLen * kvDim + j, kf.get(from * ctxLen * kvDim + j));
        }
      }
      for (int j = c.globalIdx; j < n * vDim; j += c.globalGroupSizeX) {
        if (f16) {
          vh.set(to * ctxLen * vDim + j, vh.get(from * ctxLen * vDim + j));
        } else {
          vf.set(to * ctxLen * vDim + j, vf.get(from * ctxLen * vDim + j));
        }
      }
    }
  }

  /** Per logit row: the index of the largest logit, the lowest on ties (as the CPU sampler's argmax). */
  public static void argmax(KernelContext c, IntArray step, FloatArray logits, IntArray ids, int vocab) {
    int r = c.groupIdx;
    int lid = c.localIdx;
    float[] best = c.allocateFloatLocalArray(ARGMAX_LS);
    int[] where = c.allocateIntLocalArray(ARGMAX_LS);
    boolean live = r < step.get(StepLayout.ROWS);
    float m = -Float.MAX_VALUE;
    int at = vocab;
    if (live) {
      for (int i = lid; i < vocab; i += ARGMAX_LS) {
        float v = logits.get(r * vocab + i);
        if (v > m || at == vocab) {
          m = v;
          at = i;
        }
      }
    }
    best[lid] = m;
    where[lid] = at;
    for (int stride = ARGMAX_LS / 2; stride > 0; stride /= 2) {
      c.localBarrier();
      if (lid < stride) {
        float o = best[lid + stride];
        int oi = where[lid + stride];
        if (o > best[lid] || (o == best[lid] && oi < where[lid])) {
          best[lid] = o;
          where[lid] = oi;
        }
      }
    }
    c.localBarrier();
    if (live && lid == 0) {
      ids.set(r, where[0]);
    }
  }

  // ---------------------------------------------------------------- number helpers (inlined into kernels)

  /** Round half to even, as Java's {@code Math.rint} (exact for |x| < 2^23, the only range used). */
  static float rint(float x) {
    float f = TornadoMath.floor(x);
    float diff = x - f;
    float r = f;
    if (diff > 0.5f) {
      r = f + 1f;
    } else if (diff == 0.5f) {
      float half = f * 0.5f;
      r = TornadoMath.floor(half) == half ? f : f + 1f;
    }
    return r;
  }

  /** {@code v} rounded to the nearest BF16 value (ties to even; normal range), as ggml's fp32 to bf16. */
  static float toBf16(float v) {
    float a = TornadoMath.abs(v);
    float result = v;
    // normal range only (tiny, huge, inf and NaN pass through); the loops are bounded by the exponent range
    if (a >= 1.17549435e-38f && a < 3.0e38f) {
      float p = 1f;
      for (int i = 0; i < 130 && p > a; i++) {
        p *= 0.5f;
      }
      for (int i = 0; i < 130 && p * 2f <= a; i++) {
        p *= 2f;
      }
      float ulp = p * 0.0078125f;
      result = rint(v / ulp) * ulp;
    }
    return result;
  }

  /**
   * The F16 bits of {@code v} rounded to nearest even, as {@code Float.floatToFloat16} (NaN as 0x7E00), computed
   * with float arithmetic: OpenCL {@code half} variables are not accepted everywhere (PoCL 3.1 rejects them).
   * A rounding carry into the next binade (mantissa 2048) lands on the next exponent, and past 65504 on infinity.
   */
  static int halfBits(float v) {
    float a = TornadoMath.abs(v);
    int sign = v < 0f || 1f / v < 0f ? 0x8000 : 0;
    int bits = 0x7E00;
    if (a < 6.103515625e-05f) {
      // subnormal (or zero): multiples of 2^-24; 1024 is the smallest normal's bits
      bits = (int) rint(a * 16777216f);
    } else if (a < 65520f) {
      float p = 1f;
      int e = 15;
      for (int i = 0; i < 16 && p > a; i++) {
        p *= 0.5f;
        e--;
      }
      for (int i = 0; i < 16 && p * 2f <= a; i++) {
        p *= 2f;
        e++;
      }
      bits = (e - 1) * 1024 + (int) rint(a / (p * 9.765625e-04f));
    } else if (a == Float.POSITIVE_INFINITY || a >= 65520f) {
      bits = 0x7C00;
    }
    return sign | bits;
  }

  /** {@code v} rounded to the nearest F16 value (ties to even), as {@code Float.floatToFloat16} then back. */
  static float toHalf(float v) {
    float a = TornadoMath.abs(v);
    float result = v;
    if (a < 6.103515625e-05f) {
      // subnormal halves: multiples of 2^-24
      result = rint(v * 16777216f) * 5.9604645e-08f;
    } else if (a < 65520f) {
      // the loops are bounded by the half exponent range
      float p = 1f;
      for (int i = 0; i < 16 && p > a; i++) {
        p *= 0.5f;
      }
      for (int i = 0; i < 16 && p * 2f <= a; i++) {
        p *= 2f;
      }
      float ulp = p * 9.765625e-04f;
      result = rint(v / ulp) * ulp;
    } else {
      // overflows to an infinite half; NaN stays NaN
      result = v * Float.POSITIVE_INFINITY;
    }
    return result;
  }
}
