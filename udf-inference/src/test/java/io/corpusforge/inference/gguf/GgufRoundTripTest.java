package io.corpusforge.inference.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufRoundTripTest {
  @TempDir Path dir;

  private GgufWriter sample() {
    float[] weights = new float[64 * 3];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) Math.sin(i);
    }
    return new GgufWriter()
        .putString("general.architecture", "llama")
        .putUint32("llama.block_count", 7)
        .putInt32("some.int", -5)
        .putUint8("u8", 200)
        .putInt8("i8", -100)
        .putUint16("u16", 60000)
        .putInt16("i16", -30000)
        .putUint64("u64", 1L << 40)
        .putInt64("i64", -(1L << 40))
        .putFloat32("llama.rope.freq_base", 10000f)
        .putFloat64("f64", Math.PI)
        .putBool("flag", true)
        .putStringArray("tokenizer.ggml.tokens", List.of("<s>", "你好", "▁the", ""))
        .putInt32Array("tokenizer.ggml.token_type", new int[] {3, 1, 1, 1})
        .putFloat32Array("tokenizer.ggml.scores", new float[] {0f, -1.5f, -2f, 3f})
        .addTensor("a", GgmlType.F32, new long[] {64, 3}, weights)
        .addTensor("b", GgmlType.Q8_0, new long[] {64, 3}, weights)
        .addTensor("c", GgmlType.Q4_0, new long[] {64, 3}, weights)
        .addTensor("d", GgmlType.F16, new long[] {64, 3}, weights);
  }

  @Test
  void writesAndReadsEveryMetadataTypeAndTensor() {
    Path p = dir.resolve("m.gguf");
    sample().write(p);
    try (GgufFile f = GgufFile.open(p)) {
      assertEquals(3, f.version());
      assertEquals("llama", f.getString("general.architecture"));
      assertEquals(7, f.getInt("llama.block_count"));
      assertEquals(GgufValueType.UINT32, f.metadataType("llama.block_count"));
      assertEquals(-5, f.getInt("some.int"));
      assertEquals(200, f.getInt("u8"));
      assertEquals(-100, f.getInt("i8"));
      assertEquals(60000, f.getInt("u16"));
      assertEquals(-30000, f.getInt("i16"));
      assertEquals(1L << 40, f.getLong("u64"));
      assertEquals(-(1L << 40), f.getLong("i64"));
      assertEquals(10000f, f.getFloat("llama.rope.freq_base"));
      assertEquals(Math.PI, (Double) f.require("f64"));
      assertEquals(true, f.optBool("flag").orElseThrow());
      assertArrayEquals(new String[] {"<s>", "你好", "▁the", ""}, f.getArray("tokenizer.ggml.tokens").strings());
      assertArrayEquals(new int[] {3, 1, 1, 1}, f.getArray("tokenizer.ggml.token_type").ints());
      assertArrayEquals(new float[] {0f, -1.5f, -2f, 3f}, f.getArray("tokenizer.ggml.scores").floats());
      assertEquals(4, f.tensors().size());
      GgufTensorInfo b = f.requireTensor("b");
      assertEquals(GgmlType.Q8_0, b.type());
      assertArrayEquals(new long[] {64, 3}, b.shape());
      assertEquals(3 * 2 * 34, b.bytes());
      for (GgufTensorInfo t : f.tensors().values()) {
        assertEquals(0, (f.dataOffset() + t.offset()) % 32, t.name() + " aligned");
      }
      float first = f.tensorData("a").get(ValueLayout.JAVA_FLOAT_UNALIGNED, 4);
      assertEquals((float) Math.sin(1), first);
    }
  }

  @Test
  void rewritesIdenticalBytes() {
    byte[] once = sample().toBytes();
    assertArrayEquals(once, sample().toBytes());
  }

  @Test
  void honoursCustomAlignment() {
    Path p = dir.resolve("a.gguf");
    sample().alignment(64).write(p);
    try (GgufFile f = GgufFile.open(p)) {
      assertEquals(64, f.alignment());
      assertEquals(0, f.dataOffset() % 64);
      f.tensors().values().forEach(t -> assertEquals(0, t.offset() % 64));
    }
  }

  @Test
  void truncatedFileIsAClearError() throws IOException {
    byte[] bytes = sample().toBytes();
    for (int cut : new int[] {0, 3, 20, 100, bytes.length - 1}) {
      Path p = dir.resolve("t" + cut + ".gguf");
      Files.write(p, Arrays.copyOf(bytes, cut));
      GgufException e = assertThrows(GgufException.class, () -> GgufFile.open(p).close());
      assertTrue(e.getMessage().contains(p.toString()) || e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void badMagicVersionAndTypeAreClearErrors() throws IOException {
    byte[] bytes = sample().toBytes();
    byte[] magic = bytes.clone();
    magic[0] = 'X';
    Path p1 = dir.resolve("magic.gguf");
    Files.write(p1, magic);
    assertTrue(assertThrows(GgufException.class, () -> GgufFile.open(p1)).getMessage().contains("not a GGUF"));
    byte[] version = bytes.clone();
    version[4] = 9;
    Path p2 = dir.resolve("version.gguf");
    Files.write(p2, version);
    assertTrue(assertThrows(GgufException.class, () -> GgufFile.open(p2)).getMessage()
        .contains("unsupported GGUF version 9"));
    Path p3 = dir.resolve("missing.gguf");
    assertTrue(assertThrows(GgufException.class, () -> GgufFile.open(p3)).getMessage().contains("no such file"));
  }

  @Test
  void unknownTensorTypeIsNamed() throws IOException {
    byte[] bytes = new GgufWriter().addTensor("w", GgmlType.F32, new long[] {4}, new float[4]).toBytes();
    // header: magic, version, n_tensors, n_kv (24 bytes); then name (8 + 1), n_dims (4), dim (8), type (4)
    int typeAt = 24 + 9 + 4 + 8;
    assertEquals(0, bytes[typeAt]);
    bytes[typeAt] = 99;
    Path p = dir.resolve("type.gguf");
    Files.write(p, bytes);
    String msg = assertThrows(GgufException.class, () -> GgufFile.open(p)).getMessage();
    assertTrue(msg.contains("tensor 'w'") && msg.contains("unsupported tensor type id 99"), msg);
  }

  @Test
  void missingKeyNamesTheKey() {
    Path p = dir.resolve("m.gguf");
    sample().write(p);
    try (GgufFile f = GgufFile.open(p)) {
      String msg = assertThrows(GgufException.class, () -> f.getInt("llama.embedding_length")).getMessage();
      assertTrue(msg.contains("missing metadata key 'llama.embedding_length'"), msg);
      msg = assertThrows(GgufException.class, () -> f.getInt("general.architecture")).getMessage();
      assertTrue(msg.contains("expected Number"), msg);
    }
  }

  @Test
  void writerRejectsWrongSizes() {
    assertThrows(IllegalArgumentException.class,
        () -> new GgufWriter().addTensor("x", GgmlType.Q8_0, new long[] {33}, new byte[34]));
    assertThrows(IllegalArgumentException.class,
        () -> new GgufWriter().addTensor("x", GgmlType.F32, new long[] {4}, new byte[15]));
    assertThrows(IllegalArgumentException.class, () -> new GgufWriter().putUint32("k", -1));
  }
}
