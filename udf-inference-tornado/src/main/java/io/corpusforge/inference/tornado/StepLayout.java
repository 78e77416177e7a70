package io.corpusforge.inference.tornado;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The one array that goes to the device per execution, and the constant shape array. Step layout: token count,
 * logit-row count, prefix-copy count, the capacity {@code tmax}, then from {@link #IDS}: ids, positions and slots of
 * up to {@code tmax} tokens, the token of each logit row, and (from, to, positions) of each prefix copy.
 */
final class StepLayout {
  static final int TOKENS = 0;
  static final int ROWS = 1;
  static final int COPIES = 2;
  static final int TMAX = 3;
  static final int IDS = 8;
  /** Prefix copies applied at the start of one execution (more are flushed in copy-only executions). */
  static final int MAX_COPIES = 16;

  static final int S_HEADS = 0;
  static final int S_KV_HEADS = 1;
  static final int S_HEAD_DIM = 2;
  static final int S_VALUE_DIM = 3;
  static final int S_ROPE_DIM = 4;
  static final int S_NEOX = 5;
  static final int S_QKV_BIAS = 6;
  static final int S_QK_NORM = 7;
  static final int S_CONTEXT = 8;
  static final int S_TMAX = 9;
  /** 1 when the KV cache holds F16 halves (ShortArray), 0 for F32. */
  static final int S_KV_F16 = 10;
  static final int SHAPE_SIZE = 11;

  private StepLayout() {}

  static int size(int tmax) {
    return IDS + 4 * tmax + 3 * MAX_COPIES;
  }

  static int positions(int tmax) {
    return IDS + tmax;
  }

  static int slots(int tmax) {
    return IDS + 2 * tmax;
  }

  /** Where the logit rows' token indices start (read on the device). */
  static int rowTokens(IntArray step) {
    return IDS + 3 * step.get(TMAX);
  }

  static int rowTokens(int tmax) {
    return IDS + 3 * tmax;
  }

  static int copies(IntArray step) {
    return IDS + 4 * step.get(TMAX);
  }

  static int copies(int tmax) {
    return IDS + 4 * tmax;
  }
}
