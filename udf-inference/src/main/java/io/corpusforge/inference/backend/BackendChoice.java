package io.corpusforge.inference.backend;

import java.util.Locale;

/**
 * Where the forward pass runs ({@code engine.backend} in conf/engine.conf).
 *
 * @param device the accelerator, as the device backend names it (TornadoVM: {@code driver:device} as {@code tornado
 *     --devices} lists them); empty = its default device
 * @param deviceMemory bytes of device memory the backend may use for weights, KV cache and activations; 0 = what
 *     the device reports
 */
public record BackendChoice(Kind kind, String device, long deviceMemory) {
  public enum Kind {
    /** The device backend when its runtime and a device are present, otherwise the CPU (logging why). */
    AUTO,
    CPU,
    /** TornadoVM or a clear error. */
    TORNADO;

    public static Kind parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("engine.backend must be auto, cpu or tornado, got '" + s + "'");
      }
    }
  }

  public static final BackendChoice AUTO = new BackendChoice(Kind.AUTO, "", 0);
  public static final BackendChoice CPU = new BackendChoice(Kind.CPU, "", 0);

  public BackendChoice {
    if (deviceMemory < 0) {
      throw new IllegalArgumentException("device memory must be >= 0, got " + deviceMemory);
    }
    device = device == null ? "" : device.trim();
  }

  public static BackendChoice of(String kind, String device, long deviceMemory) {
    return new BackendChoice(Kind.parse(kind), device, deviceMemory);
  }
}
