package io.corpusforge.inference.backend;

import io.corpusforge.inference.model.ModelWeights;

/**
 * A backend on an accelerator, found with {@link java.util.ServiceLoader} so the engine builds and runs without it
 * (the TornadoVM backend lives in its own module, built under a Maven profile). Implementations must not touch
 * their runtime's classes before {@link #unavailableReason} says it is present.
 */
public interface DeviceBackendProvider {
  /** The {@link BackendChoice.Kind} this provider serves. */
  BackendChoice.Kind kind();

  /** Null when this JVM can run the backend on the chosen device; otherwise why not, in one sentence. */
  String unavailableReason(BackendChoice choice);

  /**
   * Uploads the weights and builds the device program; throws with a clear message when the model, the KV cache for
   * {@code slots} x {@code contextLength} positions and the activations do not fit the device memory allowed.
   */
  Backend create(ModelWeights weights, int slots, int contextLength, BackendChoice choice);

  /** As {@link #create(ModelWeights, int, int, BackendChoice)} with the KV cache's element type. */
  default Backend create(ModelWeights weights, int slots, int contextLength, BackendChoice choice, KvType kvType) {
    if (kvType != KvType.F32) {
      throw new IllegalArgumentException("the " + kind() + " backend has no " + kvType + " KV cache");
    }
    return create(weights, slots, contextLength, choice);
  }
}
