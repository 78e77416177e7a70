package io.corpusforge.inference.cpu;

import java.util.Arrays;

/**
 * Keys and values (F32, after rope) per slot and layer, {@code [position][kvDim]} row-major. Arrays grow by doubling
 * up to the context length, so idle slots and short sequences cost little memory.
 */
final class KvCache {
  private final int layers;
  private final int kDim;
  private final int vDim;
  private final int contextLength;
  private final float[][][] k;
  private final float[][][] v;
  private final int[] capacity;

  KvCache(int slots, int layers, int kDim, int vDim, int contextLength) {
    this.layers = layers;
    this.kDim = kDim;
    this.vDim = vDim;
    this.contextLength = contextLength;
    this.k = new float[slots][layers][0];
    this.v = new float[slots][layers][0];
    this.capacity = new int[slots];
  }

  int slots() {
    return capacity.length;
  }

  /** Makes room for positions {@code [0, positions)} in {@code slot}. */
  void ensure(int slot, int positions) {
    if (positions > contextLength) {
      throw new IllegalArgumentException("sequence of " + positions + " tokens exceeds the context length "
          + contextLength);
    }
    if (positions <= capacity[slot]) {
      return;
    }
    int cap = Math.min(contextLength, Math.max(positions, Math.max(64, capacity[slot] * 2)));
    for (int l = 0; l < layers; l++) {
      k[slot][l] = Arrays.copyOf(k[slot][l], cap * kDim);
      v[slot][l] = Arrays.copyOf(v[slot][l], cap * vDim);
    }
    capacity[slot] = cap;
  }

  /** Copies positions {@code [0, positions)} of every layer from one slot to another. */
  void copyPrefix(int from, int to, int positions) {
    if (positions > capacity[from]) {
      throw new IllegalArgumentException("slot " + from + " holds " + capacity[from] + " positions, not " + positions);
    }
    ensure(to, positions);
    for (int l = 0; l < layers; l++) {
      System.arraycopy(k[from][l], 0, k[to][l], 0, positions * kDim);
      System.arraycopy(v[from][l], 0, v[to][l], 0, positions * vDim);
    }
  }

  float[] keys(int slot, int layer) {
    return k[slot][layer];
  }

  float[] values(int slot, int layer) {
    return v[slot][layer];
  }
}
