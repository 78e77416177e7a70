package io.corpusforge.inference.tornado;

import io.corpusforge.inference.backend.BackendChoice;
import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.cpu.CpuBackend;
import io.corpusforge.inference.cpu.WorkerPool;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.model.ModelSpec;
import io.corpusforge.inference.model.ModelWeights;
import java.nio.file.Path;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/** One model open on both backends, for side-by-side checks. */
final class DeviceFixture implements AutoCloseable {
  static final Path FIXTURES = Path.of(System.getProperty("fixtures.dir",
      "../udf-inference/src/test/resources/engine-fixtures"));

  final GgufFile file;
  final ModelSpec spec;
  final WorkerPool pool = new WorkerPool(2);
  final CpuBackend cpu;
  final TornadoBackend device;

  DeviceFixture(Path model, int slots, int context) {
    this(model, slots, context, KvType.F32);
  }

  /** Both backends with a KV cache of {@code kvType}. */
  DeviceFixture(Path model, int slots, int context, KvType kvType) {
    file = GgufFile.open(model);
    spec = ModelSpec.from(file);
    ModelWeights w = ModelWeights.load(file, spec);
    cpu = new CpuBackend(w, slots, context, pool, kvType, Long.MAX_VALUE);
    device = (TornadoBackend) new TornadoBackendProvider().create(w, slots, context, BackendChoice.of("tornado", "",
        0), kvType);
  }

  /** Skips models not listed in {@code -Ddevice.models=a,b} (all run when unset), to rerun one on a slow device. */
  static void assumeSelected(String model) {
    String only = System.getProperty("device.models", "");
    org.junit.jupiter.api.Assumptions.assumeTrue(only.isBlank() || java.util.Arrays.asList(only.split(","))
        .contains(model), model + " not in -Ddevice.models=" + only);
  }

  static DeviceFixture fixture(String name, int slots, int context) {
    return new DeviceFixture(FIXTURES.resolve(name + ".gguf"), slots, context);
  }

  /** The device under test, as printed into the test output (and the note). */
  static String deviceLine(TornadoBackend b) {
    return "device: " + b.deviceName() + " | bailout=" + System.getProperty("tornado.recover.bailout")
        + " | drivers=" + Devices.describe(TornadoRuntimeProvider.getTornadoRuntime());
  }

  @Override
  public void close() {
    device.close();
    cpu.close();
    pool.close();
    file.close();
  }
}
