package io.corpusforge.jobs;

import io.corpusforge.cli.CliArgs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A job's output directory on any Hadoop file system. An existing non-empty directory is an error unless the
 * user asked to overwrite it, so a typo never wipes a previous night's output.
 */
public final class OutputDir {
  private final FileSystem fs;
  private final Path root;

  private OutputDir(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  public static OutputDir prepare(SparkSession spark, String output, boolean overwrite) {
    try {
      Path root = new Path(output);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(root)) {
        boolean empty = fs.getFileStatus(root).isDirectory() && fs.listStatus(root).length == 0;
        if (!empty && !overwrite) {
          throw new CliArgs.UsageException("output " + output + " already exists; pass --overwrite to replace it");
        }
        if (!empty) {
          fs.delete(root, true);
        }
      }
      fs.mkdirs(root);
      return new OutputDir(fs, fs.makeQualified(root));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + output, e);
    }
  }

  public String path(String child) {
    return new Path(root, child).toString();
  }

  public void writeText(String child, String content) {
    try (OutputStream out = fs.create(new Path(root, child), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + child, e);
    }
  }
}
