package io.corpusforge.inference.tornado;

import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/** TornadoVM devices by {@code driver:device} ({@code tornado --devices} lists them), or the default one. */
public final class Devices {
  private Devices() {}

  public static TornadoDevice find(String name) {
    TornadoRuntime rt = TornadoRuntimeProvider.getTornadoRuntime();
    if (rt.getNumBackends() == 0) {
      throw new IllegalStateException("no TornadoVM backend (driver) is installed");
    }
    if (name == null || name.isBlank()) {
      return rt.getDefaultDevice();
    }
    String[] parts = name.split(":");
    try {
      int driver = Integer.parseInt(parts[0].trim());
      int index = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 0;
      if (parts.length > 2 || driver < 0 || driver >= rt.getNumBackends() || index < 0
          || index >= rt.getBackend(driver).getNumDevices()) {
        throw new IllegalArgumentException();
      }
      return rt.getBackend(driver).getDevice(index);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("engine.device '" + name + "' is not a TornadoVM device driver:device ("
          + describe(rt) + ")");
    }
  }

  /** Every device, one per line: {@code driver:device name (platform)}. */
  public static String describe(TornadoRuntime rt) {
    StringBuilder sb = new StringBuilder();
    for (int d = 0; d < rt.getNumBackends(); d++) {
      for (int i = 0; i < rt.getBackend(d).getNumDevices(); i++) {
        TornadoDevice dev = rt.getBackend(d).getDevice(i);
        if (!sb.isEmpty()) {
          sb.append("; ");
        }
        sb.append(d).append(':').append(i).append(' ').append(dev.getPhysicalDevice().getDeviceName())
            .append(" (").append(dev.getPlatformName()).append(')');
      }
    }
    return sb.toString();
  }
}
