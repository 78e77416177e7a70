package io.corpusforge.inference.tornado;

import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.model.ModelSpec;
import io.corpusforge.inference.model.ModelWeights;

/** How much KV cache the device memory allowed leaves room for, checked before anything is allocated. */
final class MemoryPlan {
  /** Positions below which a KV cache is not worth running. */
  static final int MIN_CONTEXT = 16;

  private MemoryPlan() {}

  /**
   * The longest context (at most {@code wanted}) whose KV cache, attention scores and the other buffers fit {@code
   * budget} bytes next to the weights, with each buffer under {@code maxAllocation} bytes and int indexing.
   *
   * @throws IllegalStateException when not even {@link #MIN_CONTEXT} positions fit
   */
  static int context(ModelSpec s, ModelWeights w, int slots, int wanted, int tmax, int rmax, long budget,
      long maxAllocation, KvType kvType) {
    long weights = DeviceBuffers.weightBytes(w);
    long fixed = weights + DeviceBuffers.activationBytes(s, tmax, rmax, 0);
    long perPosition = DeviceBuffers.kvBytes(s, slots, 1, kvType) + 4L * tmax * s.heads() + 4L * s.ropeDim();
    long fit = budget > fixed ? (budget - fixed) / perPosition : 0;
    long cap = Math.min(maxAllocation, 4L * Integer.MAX_VALUE) / 4;
    // a KV buffer of halves holds twice the elements per byte, still int-indexed
    long kvCap = Math.min(maxAllocation / kvType.bytes, Integer.MAX_VALUE);
    long perBuffer = kvCap / ((long) slots * Math.max(s.kvDim(), s.vDim()));
    long scores = cap / ((long) tmax * s.heads());
    int context = (int) Math.min(wanted, Math.min(fit, Math.min(perBuffer, scores)));
    if (context < Math.min(wanted, MIN_CONTEXT)) {
      throw new IllegalStateException(String.format("the model does not fit the device memory allowed: %d MiB of "
          + "weights and %d MiB of activations need %d MiB more for a KV cache of %d positions x %d slots "
          + "(allowed %d MiB; raise engine.device-memory, or lower engine.max-batch or engine.context-length)",
          weights >> 20, (fixed - weights) >> 20, (perPosition * Math.min(wanted, MIN_CONTEXT)) >> 20,
          Math.min(wanted, MIN_CONTEXT), slots, budget >> 20));
    }
    return context;
  }
}
