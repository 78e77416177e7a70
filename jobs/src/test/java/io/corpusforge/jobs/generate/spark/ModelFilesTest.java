package io.corpusforge.jobs.generate.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model copy for non-local file systems, through Hadoop's FileSystem API as hdfs:// or s3a:// would use it. */
class ModelFilesTest {
  /** Local files under another scheme: to Hadoop (and to ModelFiles) a remote file system. */
  public static final class RemoteFs extends RawLocalFileSystem {
    @Override
    public URI getUri() {
      return URI.create("cftest:///");
    }

    @Override
    public String getScheme() {
      return "cftest";
    }
  }

  static Configuration conf() {
    Configuration c = new Configuration(false);
    c.set("fs.cftest.impl", RemoteFs.class.getName());
    c.setBoolean("fs.cftest.impl.disable.cache", true);
    return c;
  }

  @Test
  void localPathsAreUsedInPlaceAndMissingOnesAreAClearError(@TempDir Path dir) throws IOException {
    Path m = Files.write(dir.resolve("m.gguf"), new byte[] {1, 2, 3});
    assertEquals(m, ModelFiles.local(m.toString(), conf()));
    assertEquals(m, ModelFiles.local(m.toUri().toString(), conf()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelFiles.local(dir.resolve("nope.gguf").toString(), conf()));
    assertTrue(e.getMessage().contains("model file not found"), e.getMessage());
  }

  @Test
  void remoteModelsAreCopiedOnceAndAgainWhenTheRemoteFileChanges(@TempDir Path dir) throws IOException {
    Path remote = Files.write(dir.resolve("model.gguf"), "first version".getBytes());
    String uri = "cftest://" + remote.toAbsolutePath();
    Path copy = ModelFiles.local(uri, conf());
    assertNotEquals(remote, copy);
    assertEquals("model.gguf", copy.getFileName().toString());
    assertArrayEquals(Files.readAllBytes(remote), Files.readAllBytes(copy));
    FileTime copiedAt = Files.getLastModifiedTime(copy);

    assertEquals(copy, ModelFiles.local(uri, conf()));
    assertEquals(copiedAt, Files.getLastModifiedTime(copy), "the second call reuses the copy");

    // replaced remotely with a file of the same size: a new copy, not the stale one
    Files.write(remote, "other version".getBytes());
    Files.setLastModifiedTime(remote, FileTime.fromMillis(Files.getLastModifiedTime(remote).toMillis() + 60_000));
    Path fresh = ModelFiles.local(uri, conf());
    assertNotEquals(copy, fresh);
    assertArrayEquals("other version".getBytes(), Files.readAllBytes(fresh));
    try (var leftovers = Files.list(fresh.getParent())) {
      assertEquals(1, leftovers.count(), "no temporary copy left behind");
    }
    for (Path p : new Path[] {copy, fresh}) {
      Files.delete(p);
      Files.delete(p.getParent());
    }
  }

  @Test
  void aMissingRemoteModelIsAClearError(@TempDir Path dir) {
    String uri = "cftest://" + dir.resolve("absent.gguf").toAbsolutePath();
    Exception e = assertThrows(RuntimeException.class, () -> ModelFiles.local(uri, conf()));
    assertTrue(e.getMessage().contains(uri), e.getMessage());
  }
}
