package io.corpusforge.inference.gguf;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes GGUF v3 files: typed metadata key/values (in insertion order) and tensors (raw bytes already in their
 * {@link GgmlType} layout; {@link TensorEncoder} turns floats into F32/F16/BF16/Q8_0/Q4_0 bytes).
 *
 * <pre>{@code
 * new GgufWriter()
 *     .putString("general.architecture", "llama")
 *     .putUint32("llama.block_count", 2)
 *     .putStringArray("tokenizer.ggml.tokens", tokens)
 *     .addTensor("token_embd.weight", GgmlType.F32, new long[] {dim, vocab}, bytes)
 *     .write(path);
 * }</pre>
 *
 * Tensor shapes are in GGUF order: {@code shape[0]} is the row length. Data is aligned to {@code general.alignment}
 * (32 unless set with {@link #alignment(int)}). The file is written to a temporary sibling and moved into place.
 */
public final class GgufWriter {
  private record Value(GgufValueType type, Object value) {}

  private record Tensor(String name, GgmlType type, long[] shape, byte[] data) {}

  private final Map<String, Value> metadata = new LinkedHashMap<>();
  private final List<Tensor> tensors = new ArrayList<>();
  private int alignment = GgufFile.DEFAULT_ALIGNMENT;

  public GgufWriter putString(String key, String v) {
    return put(key, GgufValueType.STRING, v);
  }

  public GgufWriter putBool(String key, boolean v) {
    return put(key, GgufValueType.BOOL, v);
  }

  public GgufWriter putUint8(String key, int v) {
    return put(key, GgufValueType.UINT8, checkRange(key, v, 0, 255));
  }

  public GgufWriter putInt8(String key, int v) {
    return put(key, GgufValueType.INT8, checkRange(key, v, -128, 127));
  }

  public GgufWriter putUint16(String key, int v) {
    return put(key, GgufValueType.UINT16, checkRange(key, v, 0, 65535));
  }

  public GgufWriter putInt16(String key, int v) {
    return put(key, GgufValueType.INT16, checkRange(key, v, Short.MIN_VALUE, Short.MAX_VALUE));
  }

  public GgufWriter putUint32(String key, long v) {
    if (v < 0 || v > 0xFFFFFFFFL) {
      throw new IllegalArgumentException(key + ": " + v + " is out of the uint32 range");
    }
    return put(key, GgufValueType.UINT32, v);
  }

  public GgufWriter putInt32(String key, int v) {
    return put(key, GgufValueType.INT32, v);
  }

  public GgufWriter putUint64(String key, long v) {
    return put(key, GgufValueType.UINT64, v);
  }

  public GgufWriter putInt64(String key, long v) {
    return put(key, GgufValueType.INT64, v);
  }

  public GgufWriter putFloat32(String key, float v) {
    return put(key, GgufValueType.FLOAT32, v);
  }

  public GgufWriter putFloat64(String key, double v) {
    return put(key, GgufValueType.FLOAT64, v);
  }

  public GgufWriter putStringArray(String key, List<String> v) {
    return put(key, GgufValueType.ARRAY, new GgufArray(GgufValueType.STRING, v.toArray(String[]::new)));
  }

  public GgufWriter putStringArray(String key, String[] v) {
    return put(key, GgufValueType.ARRAY, new GgufArray(GgufValueType.STRING, v.clone()));
  }

  public GgufWriter putInt32Array(String key, int[] v) {
    return put(key, GgufValueType.ARRAY, new GgufArray(GgufValueType.INT32, v.clone()));
  }

  public GgufWriter putUint32Array(String key, int[] v) {
    return put(key, GgufValueType.ARRAY, new GgufArray(GgufValueType.UINT32, v.clone()));
  }

  public GgufWriter putFloat32Array(String key, float[] v) {
    return put(key, GgufValueType.ARRAY, new GgufArray(GgufValueType.FLOAT32, v.clone()));
  }

  /** Any array, e.g. one read from another file. */
  public GgufWriter putArray(String key, GgufArray v) {
    return put(key, GgufValueType.ARRAY, v);
  }

  /** A value of an explicit type, boxed as {@link GgufFile} returns it; copies metadata between files. */
  public GgufWriter put(String key, GgufValueType type, Object value) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("metadata key must not be empty");
    }
    if (value == null) {
      throw new IllegalArgumentException(key + ": null value");
    }
    if (key.equals("general.alignment")) {
      long a = ((Number) value).longValue();
      if (a <= 0 || Long.bitCount(a) != 1) {
        throw new IllegalArgumentException("general.alignment must be a power of two, got " + a);
      }
      alignment = (int) a;
    }
    metadata.put(key, new Value(type, value));
    return this;
  }

  /** Sets the data alignment and records it as {@code general.alignment}. */
  public GgufWriter alignment(int bytes) {
    return putUint32("general.alignment", bytes);
  }

  /**
   * Adds a tensor. {@code data} must hold exactly the bytes of {@code shape} in {@code type}'s layout
   * (row length a multiple of the block size).
   */
  public GgufWriter addTensor(String name, GgmlType type, long[] shape, byte[] data) {
    if (shape.length < 1 || shape.length > 4) {
      throw new IllegalArgumentException(name + ": 1 to 4 dimensions, got " + shape.length);
    }
    if (shape[0] % type.blockSize != 0) {
      throw new IllegalArgumentException(name + ": row length " + shape[0] + " is not a multiple of " + type
          + "'s block size " + type.blockSize);
    }
    long expected = new GgufTensorInfo(name, shape, type, 0).bytes();
    if (data.length != expected) {
      throw new IllegalArgumentException(name + ": " + Arrays.toString(shape) + " in " + type + " needs " + expected
          + " bytes, got " + data.length);
    }
    if (tensors.stream().anyMatch(t -> t.name.equals(name))) {
      throw new IllegalArgumentException("duplicate tensor " + name);
    }
    tensors.add(new Tensor(name, type, shape.clone(), data));
    return this;
  }

  /** Encodes {@code values} (row-major, rows of {@code shape[0]}) into {@code type} and adds the tensor. */
  public GgufWriter addTensor(String name, GgmlType type, long[] shape, float[] values) {
    return addTensor(name, type, shape, TensorEncoder.encode(type, values));
  }

  public void write(Path path) {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try {
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writeTo(os);
      }
      Files.move(tmp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  public byte[] toBytes() {
    var bos = new java.io.ByteArrayOutputStream();
    try {
      writeTo(bos);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  private void writeTo(OutputStream raw) throws IOException {
    Out out = new Out(raw);
    out.i32(GgufFile.MAGIC);
    out.i32(3);
    out.i64(tensors.size());
    out.i64(metadata.size());
    for (var e : metadata.entrySet()) {
      out.string(e.getKey());
      out.i32(e.getValue().type.id);
      out.value(e.getValue().type, e.getValue().value);
    }
    long offset = 0;
    for (Tensor t : tensors) {
      out.string(t.name);
      out.i32(t.shape.length);
      for (long d : t.shape) {
        out.i64(d);
      }
      out.i32(t.type.id);
      out.i64(offset);
      offset = GgufFile.align(offset + t.data.length, alignment);
    }
    out.pad(alignment);
    for (Tensor t : tensors) {
      out.bytes(t.data);
      out.pad(alignment);
    }
    raw.flush();
  }

  private static int checkRange(String key, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(key + ": " + v + " is out of range [" + lo + ", " + hi + "]");
    }
    return v;
  }

  private static final class Out {
    private final OutputStream os;
    private long pos;
    private final byte[] buf = new byte[8];

    Out(OutputStream os) {
      this.os = os;
    }

    void bytes(byte[] b) throws IOException {
      os.write(b);
      pos += b.length;
    }

    void le(long v, int n) throws IOException {
      for (int i = 0; i < n; i++) {
        buf[i] = (byte) (v >>> (8 * i));
      }
      os.write(buf, 0, n);
      pos += n;
    }

    void i32(int v) throws IOException {
      le(v, 4);
    }

    void i64(long v) throws IOException {
      le(v, 8);
    }

    void string(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      i64(b.length);
      bytes(b);
    }

    void pad(int alignment) throws IOException {
      long target = GgufFile.align(pos, alignment);
      while (pos < target) {
        os.write(0);
        pos++;
      }
    }

    void value(GgufValueType type, Object v) throws IOException {
      switch (type) {
        case UINT8, INT8 -> le(((Number) v).intValue(), 1);
        case UINT16, INT16 -> le(((Number) v).intValue(), 2);
        case UINT32, INT32 -> le(((Number) v).longValue(), 4);
        case UINT64, INT64 -> le(((Number) v).longValue(), 8);
        case FLOAT32 -> i32(Float.floatToRawIntBits(((Number) v).floatValue()));
        case FLOAT64 -> i64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
        case BOOL -> le((Boolean) v ? 1 : 0, 1);
        case STRING -> string((String) v);
        case ARRAY -> array((GgufArray) v);
      }
    }

    void array(GgufArray a) throws IOException {
      i32(a.elementType().id);
      int n = a.length();
      i64(n);
      Object vs = a.values();
      for (int i = 0; i < n; i++) {
        value(a.elementType(), java.lang.reflect.Array.get(vs, i));
      }
    }
  }
}
