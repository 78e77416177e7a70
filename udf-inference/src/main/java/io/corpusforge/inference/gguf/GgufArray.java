package io.corpusforge.inference.gguf;

import java.util.Arrays;

/**
 * A metadata array. {@code values} is a Java array: {@code int[]} for 8/16/32-bit integers (unsigned 32-bit values
 * keep their bits), {@code long[]} for 64-bit integers, {@code float[]}, {@code double[]}, {@code boolean[]},
 * {@code String[]}, or {@code GgufArray[]} for nested arrays.
 */
public record GgufArray(GgufValueType elementType, Object values) {
  public int length() {
    return java.lang.reflect.Array.getLength(values);
  }

  public String[] strings() {
    return as(String[].class);
  }

  public float[] floats() {
    return as(float[].class);
  }

  public int[] ints() {
    return as(int[].class);
  }

  private <T> T as(Class<T> type) {
    if (!type.isInstance(values)) {
      throw new GgufException("metadata array of " + elementType + " where " + type.getSimpleName()
          + " was expected");
    }
    return type.cast(values);
  }

  @Override
  public String toString() {
    return "GgufArray[" + elementType + " x " + length() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GgufArray a && a.elementType == elementType && Arrays.deepEquals(new Object[] {values},
        new Object[] {a.values});
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {elementType, values});
  }
}
