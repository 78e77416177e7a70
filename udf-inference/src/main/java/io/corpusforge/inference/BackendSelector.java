package io.corpusforge.inference;

import io.corpusforge.inference.backend.Backend;
import io.corpusforge.inference.backend.BackendChoice;
import io.corpusforge.inference.backend.DeviceBackendProvider;
import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.cpu.CpuBackend;
import io.corpusforge.inference.cpu.WorkerPool;
import io.corpusforge.inference.model.ModelWeights;
import java.util.ServiceLoader;

/** Picks the backend {@code engine.backend} asks for; device backends are found on the classpath, never required. */
final class BackendSelector {
  private static final System.Logger LOG = System.getLogger(BackendSelector.class.getName());

  private BackendSelector() {}

  /**
   * @param kvType KV cache type (both backends)
   * @param kvBytes the CPU backend's KV-cache byte budget
   */
  static Backend create(ModelWeights weights, int slots, int contextLength, BackendChoice choice, WorkerPool pool,
      KvType kvType, long kvBytes) {
    if (choice.kind() == BackendChoice.Kind.CPU) {
      return new CpuBackend(weights, slots, contextLength, pool, kvType, kvBytes);
    }
    BackendChoice.Kind wanted = choice.kind() == BackendChoice.Kind.AUTO ? BackendChoice.Kind.TORNADO : choice.kind();
    String reason = "the TornadoVM backend (module udf-inference-tornado, built with -Ptornado) is not on the "
        + "classpath";
    for (DeviceBackendProvider p : ServiceLoader.load(DeviceBackendProvider.class)) {
      if (p.kind() != wanted) {
        continue;
      }
      reason = p.unavailableReason(choice);
      if (reason == null) {
        if (choice.kind() != BackendChoice.Kind.AUTO) {
          return p.create(weights, slots, contextLength, choice, kvType);
        }
        try {
          return p.create(weights, slots, contextLength, choice, kvType);
        } catch (RuntimeException e) {
          reason = "the device backend failed to start: " + e.getMessage();
        }
      }
      break;
    }
    if (choice.kind() != BackendChoice.Kind.AUTO) {
      throw new IllegalStateException("engine.backend=" + choice.kind().name().toLowerCase() + " but " + reason);
    }
    LOG.log(System.Logger.Level.INFO, "engine.backend=auto: running on the CPU backend because " + reason);
    return new CpuBackend(weights, slots, contextLength, pool, kvType, kvBytes);
  }
}
