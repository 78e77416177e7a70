package io.corpusforge.jobs.generate.spark;

import io.corpusforge.jobs.generate.text.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Where the engine reads the model from: a local path as is; any other Hadoop file system URI (hdfs://, s3a://...)
 * copied once to this machine's local disk, under {@code java.io.tmpdir/corpusforge-models/}, in a folder named by
 * the URI, size and modification time (a replaced remote file gets a fresh copy, never a stale one). The copy goes
 * to a temporary name and is moved into place atomically, so executors on one machine never load a half-copied file.
 */
public final class ModelFiles {
  private ModelFiles() {}

  public static synchronized Path local(String model, Configuration conf) {
    URI uri = URI.create(model.replace(" ", "%20"));
    String scheme = uri.getScheme() == null ? "file" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      Path p = uri.getScheme() == null ? Path.of(model) : Path.of(uri);
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("model file not found: " + p.toAbsolutePath());
      }
      return p;
    }
    try {
      org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(model);
      FileSystem fs = remote.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(remote);
      Path dir = Path.of(System.getProperty("java.io.tmpdir"), "corpusforge-models",
          Hashes.hex16(model + "\n" + status.getLen() + "\n" + status.getModificationTime()));
      Path local = dir.resolve(remote.getName());
      if (Files.isRegularFile(local) && Files.size(local) == status.getLen()) {
        return local;
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".copy-", ".tmp");
      try (InputStream in = fs.open(remote)) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the model " + model + " to local disk", e);
    }
  }
}
