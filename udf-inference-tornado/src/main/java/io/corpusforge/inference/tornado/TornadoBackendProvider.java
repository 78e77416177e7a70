package io.corpusforge.inference.tornado;

import io.corpusforge.inference.backend.Backend;
import io.corpusforge.inference.backend.BackendChoice;
import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.backend.DeviceBackendProvider;
import io.corpusforge.inference.model.ModelWeights;

/**
 * Finds TornadoVM and the configured device. Touches TornadoVM's classes only after checking that its runtime was
 * started with the JVM (TornadoVM's argfile sets {@code tornado.load.runtime.implementation}).
 */
public final class TornadoBackendProvider implements DeviceBackendProvider {
  /** Share of the device's memory used when engine.device-memory is 0 (TornadoVM and the driver need some). */
  static final double DEFAULT_SHARE = 0.9;

  @Override
  public BackendChoice.Kind kind() {
    return BackendChoice.Kind.TORNADO;
  }

  @Override
  public String unavailableReason(BackendChoice choice) {
    if (System.getProperty("tornado.load.runtime.implementation") == null) {
      return "TornadoVM's runtime is not loaded in this JVM (start it with @$TORNADOVM_HOME/tornado-argfile; "
          + "bin/pipeline does when TORNADOVM_HOME is set)";
    }
    try {
      Devices.find(choice.device());
      return null;
    } catch (RuntimeException | LinkageError e) {
      return "TornadoVM found no usable device: " + e.getMessage();
    }
  }

  @Override
  public Backend create(ModelWeights weights, int slots, int contextLength, BackendChoice choice) {
    return create(weights, slots, contextLength, choice, KvType.F32);
  }

  @Override
  public Backend create(ModelWeights weights, int slots, int contextLength, BackendChoice choice, KvType kvType) {
    var device = Devices.find(choice.device());
    long global = device.getPhysicalDevice().getDeviceGlobalMemorySize();
    long budget = choice.deviceMemory() > 0 ? choice.deviceMemory() : (long) (global * DEFAULT_SHARE);
    return new TornadoBackend(weights, slots, contextLength, device, budget,
        device.getPhysicalDevice().getDeviceMaxAllocationSize(), kvType);
  }
}
