package io.corpusforge.inference.cpu;

import io.corpusforge.inference.backend.KvCacheFullException;
import io.corpusforge.inference.backend.KvType;
import java.util.Arrays;

/**
 * Keys and values (after rope) per slot and layer, {@code [position][kvDim]} row-major, as F32 or F16. Arrays grow
 * by doubling up to the context length, so idle slots and short sequences cost little memory. All arrays together
 * stay within a byte budget: a slot that cannot grow gets a {@link KvCacheFullException} (for its own request), never
 * an {@link OutOfMemoryError} that would end the job.
 */
final class KvCache {
  private final int layers;
  private final int kDim;
  private final int vDim;
  private final int contextLength;
  private final KvType type;
  private final long budgetBytes;
  /** F32 storage (null for F16). */
  private final float[][][] kf;
  private final float[][][] vf;
  /** F16 storage (null for F32): fp16 bits. */
  private final short[][][] kh;
  private final short[][][] vh;
  private final int[] capacity;
  private long usedBytes;

  KvCache(int slots, int layers, int kDim, int vDim, int contextLength, KvType type, long budgetBytes) {
    this.layers = layers;
    this.kDim = kDim;
    this.vDim = vDim;
    this.contextLength = contextLength;
    this.type = type;
    this.budgetBytes = budgetBytes;
    boolean f16 = type == KvType.F16;
    this.kf = f16 ? null : new float[slots][layers][0];
    this.vf = f16 ? null : new float[slots][layers][0];
    this.kh = f16 ? new short[slots][layers][0] : null;
    this.vh = f16 ? new short[slots][layers][0] : null;
    this.capacity = new int[slots];
  }

  int slots() {
    return capacity.length;
  }

  KvType type() {
    return type;
  }

  /** Bytes one position of one slot takes over all layers. */
  static long bytesPerPosition(int layers, int kDim, int vDim, KvType type) {
    return (long) layers * (kDim + vDim) * type.bytes;
  }

  private long bytesFor(int positions) {
    return positions * bytesPerPosition(layers, kDim, vDim, type);
  }

  long usedBytes() {
    return usedBytes;
  }

  /**
   * Makes room for positions {@code [0, positions)} in {@code slot}; grows by doubling while the budget allows,
   * else to exactly {@code positions}. Nothing changes when it throws.
   *
   * @throws KvCacheFullException when the budget (or the heap) has no room for them
   */
  void ensure(int slot, int positions) {
    ensure(slot, positions, false);
  }

  /** As {@link #ensure(int, int)}, growing to exactly {@code positions} when {@code exact}. */
  void ensure(int slot, int positions, boolean exact) {
    if (positions > contextLength) {
      throw new IllegalArgumentException("sequence of " + positions + " tokens exceeds the context length "
          + contextLength);
    }
    if (positions <= capacity[slot]) {
      return;
    }
    long free = budgetBytes - usedBytes + bytesFor(capacity[slot]);
    long bytesPerPosition = bytesPerPosition(layers, kDim, vDim, type);
    // doubling (at least 64 positions), but never more than the budget has left: the rest stays for other slots
    int cap = (int) Math.min(Math.min(contextLength, Math.max(64, capacity[slot] * 2L)), free / bytesPerPosition);
    cap = exact ? positions : Math.max(cap, positions);
    if (bytesFor(cap) > free) {
      throw new KvCacheFullException("KV cache full: " + positions + " positions need "
          + bytesFor(positions) + " bytes, " + free + " of the " + budgetBytes
          + "-byte budget are free (engine kv-cache-bytes; other sequences hold the rest)");
    }
    try {
      grow(slot, cap);
    } catch (OutOfMemoryError e) {
      // one large array that could not be allocated: nothing else was touched, the heap is as before
      throw new KvCacheFullException("KV cache: the JVM heap has no room for " + bytesFor(cap)
          + " more bytes (lower kv-cache-bytes or raise -Xmx)");
    }
  }

  private void grow(int slot, int cap) {
    if (type == KvType.F16) {
      short[][] k = new short[layers][];
      short[][] v = new short[layers][];
      for (int l = 0; l < layers; l++) {
        k[l] = Arrays.copyOf(kh[slot][l], cap * kDim);
        v[l] = Arrays.copyOf(vh[slot][l], cap * vDim);
      }
      kh[slot] = k;
      vh[slot] = v;
    } else {
      float[][] k = new float[layers][];
      float[][] v = new float[layers][];
      for (int l = 0; l < layers; l++) {
        k[l] = Arrays.copyOf(kf[slot][l], cap * kDim);
        v[l] = Arrays.copyOf(vf[slot][l], cap * vDim);
      }
      kf[slot] = k;
      vf[slot] = v;
    }
    usedBytes += bytesFor(cap) - bytesFor(capacity[slot]);
    capacity[slot] = cap;
  }

  /** Frees a slot's memory (its keys and values are gone). */
  void release(int slot) {
    for (int l = 0; l < layers; l++) {
      if (type == KvType.F16) {
        kh[slot][l] = new short[0];
        vh[slot][l] = new short[0];
      } else {
        kf[slot][l] = new float[0];
        vf[slot][l] = new float[0];
      }
    }
    usedBytes -= bytesFor(capacity[slot]);
    capacity[slot] = 0;
  }

  /** Copies positions {@code [0, positions)} of every layer from one slot to another. */
  void copyPrefix(int from, int to, int positions) {
    if (positions > capacity[from]) {
      throw new IllegalArgumentException("slot " + from + " holds " + capacity[from] + " positions, not " + positions);
    }
    ensure(to, positions);
    for (int l = 0; l < layers; l++) {
      if (type == KvType.F16) {
        System.arraycopy(kh[from][l], 0, kh[to][l], 0, positions * kDim);
        System.arraycopy(vh[from][l], 0, vh[to][l], 0, positions * vDim);
      } else {
        System.arraycopy(kf[from][l], 0, kf[to][l], 0, positions * kDim);
        System.arraycopy(vf[from][l], 0, vf[to][l], 0, positions * vDim);
      }
    }
  }

  /** Stores one position's keys and values (rounded to F16 for an F16 cache). */
  void write(int slot, int layer, int pos, float[] k, int ko, float[] v, int vo) {
    if (type == KvType.F16) {
      short[] kd = kh[slot][layer];
      short[] vd = vh[slot][layer];
      for (int i = 0; i < kDim; i++) {
        kd[pos * kDim + i] = Float.floatToFloat16(k[ko + i]);
      }
      for (int i = 0; i < vDim; i++) {
        vd[pos * vDim + i] = Float.floatToFloat16(v[vo + i]);
      }
    } else {
      System.arraycopy(k, ko, kf[slot][layer], pos * kDim, kDim);
      System.arraycopy(v, vo, vf[slot][layer], pos * vDim, vDim);
    }
  }

  /** F32 keys of a slot and layer (F32 cache only). */
  float[] keys(int slot, int layer) {
    return kf[slot][layer];
  }

  float[] values(int slot, int layer) {
    return vf[slot][layer];
  }

  /** F16 keys (fp16 bits) of a slot and layer (F16 cache only). */
  short[] keysF16(int slot, int layer) {
    return kh[slot][layer];
  }

  short[] valuesF16(int slot, int layer) {
    return vh[slot][layer];
  }
}
