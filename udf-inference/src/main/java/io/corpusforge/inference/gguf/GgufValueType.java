package io.corpusforge.inference.gguf;

/** The metadata value types of GGUF v3, with their on-disk ids. */
public enum GgufValueType {
  UINT8(0, 1), INT8(1, 1), UINT16(2, 2), INT16(3, 2), UINT32(4, 4), INT32(5, 4), FLOAT32(6, 4), BOOL(7, 1),
  STRING(8, -1), ARRAY(9, -1), UINT64(10, 8), INT64(11, 8), FLOAT64(12, 8);

  public final int id;
  /** Bytes of one value on disk; -1 for variable-length types. */
  public final int size;

  GgufValueType(int id, int size) {
    this.id = id;
    this.size = size;
  }

  private static final GgufValueType[] BY_ID = values();

  public static GgufValueType byId(long id) {
    if (id < 0 || id >= BY_ID.length) {
      throw new GgufException("unknown metadata value type " + id);
    }
    return BY_ID[(int) id];
  }
}
