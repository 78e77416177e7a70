package io.corpusforge.inference.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF v3 file, memory-mapped. The header (metadata and tensor infos) is parsed eagerly; tensor data stays in the
 * mapping and is read through {@link #tensorData(String)}.
 *
 * <p>Metadata scalars are Java boxes: 8/16-bit integers and INT32 are {@code Integer}, UINT32/UINT64/INT64 are
 * {@code Long}, FLOAT32 {@code Float}, FLOAT64 {@code Double}, BOOL {@code Boolean}, STRING {@code String}; arrays are
 * {@link GgufArray}.
 */
public final class GgufFile implements AutoCloseable {
  public static final int MAGIC = 0x46554747; // "GGUF" little-endian
  public static final int DEFAULT_ALIGNMENT = 32;
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Path path;
  private final Arena arena;
  private final MemorySegment file;
  private final int version;
  private final Map<String, Object> metadata;
  private final Map<String, GgufValueType> metadataTypes;
  private final Map<String, GgufTensorInfo> tensors;
  private final int alignment;
  private final long dataOffset;

  private GgufFile(Path path, Arena arena, MemorySegment file) {
    this.path = path;
    this.arena = arena;
    this.file = file;
    Cursor c = new Cursor(file);
    if (file.byteSize() < 24) {
      throw new GgufException(path + ": not a GGUF file (only " + file.byteSize() + " bytes)");
    }
    int magic = c.i32();
    if (magic != MAGIC) {
      throw new GgufException(path + ": not a GGUF file (magic " + String.format("0x%08x", magic) + ")");
    }
    version = c.i32();
    if (version != 3 && version != 2) {
      throw new GgufException(path + ": unsupported GGUF version " + Integer.toUnsignedString(version)
          + " (this reader handles v3, and v2 which has the same layout)");
    }
    long tensorCount = c.u64("tensor count");
    long kvCount = c.u64("metadata count");
    Map<String, Object> md = new LinkedHashMap<>();
    Map<String, GgufValueType> types = new LinkedHashMap<>();
    for (long i = 0; i < kvCount; i++) {
      String key = c.string();
      GgufValueType type = GgufValueType.byId(Integer.toUnsignedLong(c.i32()));
      try {
        md.put(key, c.value(type));
      } catch (GgufException e) {
        throw new GgufException(path + ": metadata '" + key + "': " + e.getMessage(), e);
      }
      types.put(key, type);
    }
    metadata = Collections.unmodifiableMap(md);
    metadataTypes = Collections.unmodifiableMap(types);
    Object align = md.getOrDefault("general.alignment", (long) DEFAULT_ALIGNMENT);
    if (!(align instanceof Number n) || n.longValue() <= 0 || Long.bitCount(n.longValue()) != 1) {
      throw new GgufException(path + ": general.alignment must be a positive power of two, got " + align);
    }
    alignment = ((Number) align).intValue();
    Map<String, GgufTensorInfo> ts = new LinkedHashMap<>();
    for (long i = 0; i < tensorCount; i++) {
      String name = c.string();
      int dims = c.i32();
      if (dims < 1 || dims > 4) {
        throw new GgufException(path + ": tensor '" + name + "' has " + dims + " dimensions (1..4 allowed)");
      }
      long[] shape = new long[dims];
      for (int d = 0; d < dims; d++) {
        shape[d] = c.u64("dimension of " + name);
      }
      GgmlType type;
      try {
        type = GgmlType.byId(Integer.toUnsignedLong(c.i32()));
      } catch (GgufException e) {
        throw new GgufException(path + ": tensor '" + name + "': " + e.getMessage());
      }
      long offset = c.u64("offset of " + name);
      if (offset % alignment != 0) {
        throw new GgufException(path + ": tensor '" + name + "' offset " + offset + " is not aligned to "
            + alignment);
      }
      if (ts.put(name, new GgufTensorInfo(name, shape, type, offset)) != null) {
        throw new GgufException(path + ": duplicate tensor '" + name + "'");
      }
    }
    tensors = Collections.unmodifiableMap(ts);
    dataOffset = align(c.pos, alignment);
    for (GgufTensorInfo t : tensors.values()) {
      long end;
      try {
        end = Math.addExact(Math.addExact(dataOffset, t.offset()), t.bytes());
      } catch (ArithmeticException e) {
        throw new GgufException(path + ": tensor '" + t.name() + "' size overflows");
      }
      if (end > file.byteSize()) {
        throw new GgufException(path + ": truncated: tensor '" + t.name() + "' ends at byte " + end
            + " but the file has " + file.byteSize());
      }
    }
  }

  /** Maps and parses a GGUF file. Throws {@link GgufException} with the path and the reason on any problem. */
  public static GgufFile open(Path path) {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      MemorySegment seg = ch.size() == 0 ? MemorySegment.NULL.reinterpret(0)
          : ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      return new GgufFile(path, arena, seg);
    } catch (NoSuchFileException e) {
      arena.close();
      throw new GgufException(path + ": no such file");
    } catch (IOException e) {
      arena.close();
      throw new GgufException(path + ": cannot read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  static long align(long offset, int alignment) {
    return (offset + alignment - 1) / alignment * alignment;
  }

  public Path path() {
    return path;
  }

  public int version() {
    return version;
  }

  public int alignment() {
    return alignment;
  }

  public long dataOffset() {
    return dataOffset;
  }

  public Map<String, Object> metadata() {
    return metadata;
  }

  public GgufValueType metadataType(String key) {
    return metadataTypes.get(key);
  }

  public Map<String, GgufTensorInfo> tensors() {
    return tensors;
  }

  public boolean has(String key) {
    return metadata.containsKey(key);
  }

  public Optional<GgufTensorInfo> tensor(String name) {
    return Optional.ofNullable(tensors.get(name));
  }

  public GgufTensorInfo requireTensor(String name) {
    GgufTensorInfo t = tensors.get(name);
    if (t == null) {
      throw new GgufException(path + ": missing tensor '" + name + "'");
    }
    return t;
  }

  /** The bytes of one tensor, a slice of the mapping (no copy). */
  public MemorySegment tensorData(GgufTensorInfo t) {
    return file.asSlice(dataOffset + t.offset(), t.bytes());
  }

  public MemorySegment tensorData(String name) {
    return tensorData(requireTensor(name));
  }

  /** The whole mapped file. */
  public MemorySegment segment() {
    return file;
  }

  public Object require(String key) {
    Object v = metadata.get(key);
    if (v == null) {
      throw new GgufException(path + ": missing metadata key '" + key + "'");
    }
    return v;
  }

  public String getString(String key) {
    return as(key, require(key), String.class);
  }

  public Optional<String> optString(String key) {
    return Optional.ofNullable(metadata.get(key)).map(v -> as(key, v, String.class));
  }

  public long getLong(String key) {
    return as(key, require(key), Number.class).longValue();
  }

  public int getInt(String key) {
    long v = getLong(key);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new GgufException(path + ": metadata '" + key + "' = " + v + " does not fit an int");
    }
    return (int) v;
  }

  public Optional<Integer> optInt(String key) {
    return has(key) ? Optional.of(getInt(key)) : Optional.empty();
  }

  public float getFloat(String key) {
    return as(key, require(key), Number.class).floatValue();
  }

  public Optional<Float> optFloat(String key) {
    return has(key) ? Optional.of(getFloat(key)) : Optional.empty();
  }

  public Optional<Boolean> optBool(String key) {
    return Optional.ofNullable(metadata.get(key)).map(v -> as(key, v, Boolean.class));
  }

  public GgufArray getArray(String key) {
    return as(key, require(key), GgufArray.class);
  }

  public Optional<GgufArray> optArray(String key) {
    return Optional.ofNullable(metadata.get(key)).map(v -> as(key, v, GgufArray.class));
  }

  private <T> T as(String key, Object v, Class<T> type) {
    if (!type.isInstance(v)) {
      throw new GgufException(path + ": metadata '" + key + "' is " + metadataTypes.get(key) + ", expected "
          + type.getSimpleName());
    }
    return type.cast(v);
  }

  @Override
  public void close() {
    arena.close();
  }

  /** Sequential little-endian reads with bounds checks that name what was being read. */
  private static final class Cursor {
    private final MemorySegment seg;
    long pos;

    Cursor(MemorySegment seg) {
      this.seg = seg;
    }

    private void need(long n, String what) {
      if (n < 0 || pos + n > seg.byteSize()) {
        throw new GgufException("truncated file: " + what + " at byte " + pos + " needs " + n
            + " bytes, file has " + seg.byteSize());
      }
    }

    int i32() {
      need(4, "int32");
      int v = seg.get(INT, pos);
      pos += 4;
      return v;
    }

    long u64(String what) {
      need(8, what);
      long v = seg.get(LONG, pos);
      pos += 8;
      if (v < 0) {
        throw new GgufException("corrupt file: " + what + " is " + Long.toUnsignedString(v));
      }
      return v;
    }

    String string() {
      long len = u64("string length");
      need(len, "string of " + len + " bytes");
      if (len > Integer.MAX_VALUE) {
        throw new GgufException("corrupt file: string of " + len + " bytes");
      }
      byte[] bytes = seg.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE);
      pos += len;
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        // Some vocabularies hold raw byte tokens; keep them readable rather than reject the file.
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }

    Object value(GgufValueType type) {
      return switch (type) {
        case UINT8 -> { need(1, "uint8"); yield Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, pos++)); }
        case INT8 -> { need(1, "int8"); yield (int) seg.get(ValueLayout.JAVA_BYTE, pos++); }
        case UINT16 -> { need(2, "uint16"); int v = Short.toUnsignedInt(seg.get(SHORT, pos)); pos += 2; yield v; }
        case INT16 -> { need(2, "int16"); int v = seg.get(SHORT, pos); pos += 2; yield v; }
        case UINT32 -> Integer.toUnsignedLong(i32());
        case INT32 -> i32();
        case FLOAT32 -> Float.intBitsToFloat(i32());
        case BOOL -> {
          need(1, "bool");
          byte b = seg.get(ValueLayout.JAVA_BYTE, pos++);
          if (b != 0 && b != 1) {
            throw new GgufException("corrupt file: bool value " + b);
          }
          yield b == 1;
        }
        case STRING -> string();
        case UINT64, INT64 -> { need(8, "int64"); long v = seg.get(LONG, pos); pos += 8; yield v; }
        case FLOAT64 -> { need(8, "float64"); double v = Double.longBitsToDouble(seg.get(LONG, pos)); pos += 8;
          yield v; }
        case ARRAY -> array();
      };
    }

    GgufArray array() {
      GgufValueType et = GgufValueType.byId(Integer.toUnsignedLong(i32()));
      long n = u64("array length");
      if (et.size > 0) {
        need(Math.multiplyHigh(n, et.size) != 0 ? -1 : n * et.size, "array of " + n + " " + et);
      }
      if (n > Integer.MAX_VALUE - 8) {
        throw new GgufException("corrupt file: array of " + n + " elements");
      }
      int len = (int) n;
      return switch (et) {
        case UINT8, INT8, UINT16, INT16, UINT32, INT32 -> {
          int[] a = new int[len];
          for (int i = 0; i < len; i++) {
            Object v = value(et);
            a[i] = v instanceof Long l ? (int) l.longValue() : (Integer) v;
          }
          yield new GgufArray(et, a);
        }
        case UINT64, INT64 -> {
          long[] a = new long[len];
          for (int i = 0; i < len; i++) {
            a[i] = (Long) value(et);
          }
          yield new GgufArray(et, a);
        }
        case FLOAT32 -> {
          float[] a = new float[len];
          for (int i = 0; i < len; i++) {
            a[i] = Float.intBitsToFloat(i32());
          }
          yield new GgufArray(et, a);
        }
        case FLOAT64 -> {
          double[] a = new double[len];
          for (int i = 0; i < len; i++) {
            a[i] = (Double) value(et);
          }
          yield new GgufArray(et, a);
        }
        case BOOL -> {
          boolean[] a = new boolean[len];
          for (int i = 0; i < len; i++) {
            a[i] = (Boolean) value(et);
          }
          yield new GgufArray(et, a);
        }
        case STRING -> {
          String[] a = new String[len];
          for (int i = 0; i < len; i++) {
            a[i] = string();
          }
          yield new GgufArray(et, a);
        }
        case ARRAY -> {
          GgufArray[] a = new GgufArray[len];
          for (int i = 0; i < len; i++) {
            a[i] = array();
          }
          yield new GgufArray(et, a);
        }
      };
    }
  }
}
