package io.corpusforge.jobs.stage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A stage's output directory on any Hadoop file system, committed atomically. The stage writes into
 * {@link #dir()}: a hidden sibling work directory ({@code .NAME.tmp-RUNID}) that {@link #commit()} marks with
 * {@code _SUCCESS} and renames into place, so readers see either the old output or the complete new one, never a
 * half-written one; {@link #abort()} removes it. A resumable stage instead writes in place, part by part (each
 * part committed by its own rename); its output is complete once {@code _SUCCESS} is there.
 */
public final class StageOutput {
  /** Marks a complete output (the Hadoop convention, so Spark and other readers skip it as data). */
  public static final String SUCCESS = "_SUCCESS";

  private final FileSystem fs;
  private final Path target;
  private final Path work;
  private final boolean inPlace;

  private StageOutput(FileSystem fs, Path target, Path work, boolean inPlace) {
    this.fs = fs;
    this.target = target;
    this.work = work;
    this.inPlace = inPlace;
  }

  /**
   * Checks {@code output} against the policy and prepares where the stage writes.
   *
   * @param resumable whether the stage commits part by part and can continue an existing output
   */
  public static StageOutput open(Configuration hadoop, String output, OutputPolicy policy, boolean resumable,
      String runId) {
    try {
      Path path = new Path(output);
      FileSystem fs = path.getFileSystem(hadoop);
      Path target = fs.makeQualified(path);
      boolean holdsSomething = holdsSomething(fs, target, output);
      if (policy == OutputPolicy.RESUME && !resumable) {
        throw new StageException("this command cannot resume an output; pass --overwrite to replace " + output);
      }
      if (holdsSomething && policy == OutputPolicy.REFUSE) {
        throw new StageException("output " + output + " already exists; pass --overwrite to replace it"
            + (resumable ? ", or --resume to add only what is missing" : ""));
      }
      if (resumable && policy != OutputPolicy.OVERWRITE) {
        fs.mkdirs(target);
        fs.delete(new Path(target, SUCCESS), false); // incomplete again until this run commits
        return new StageOutput(fs, target, target, true);
      }
      Path work = new Path(target.getParent(), "." + target.getName() + ".tmp-" + runId);
      fs.delete(work, true);
      if (!fs.mkdirs(work)) {
        throw new StageException("cannot create " + work);
      }
      return new StageOutput(fs, target, work, false);
    } catch (IOException e) {
      throw new StageException("cannot prepare output " + output + ": " + e.getMessage(), e);
    }
  }

  private static boolean holdsSomething(FileSystem fs, Path target, String output) throws IOException {
    if (!fs.exists(target)) {
      return false;
    }
    FileStatus status = fs.getFileStatus(target);
    if (!status.isDirectory()) {
      throw new StageException("output " + output + " is a file, not a directory");
    }
    return fs.listStatus(target).length > 0;
  }

  /** Where the stage writes now (the work directory, or the output itself for a resumable stage). */
  public Path dir() {
    return work;
  }

  /** The final output directory, fully qualified. */
  public Path target() {
    return target;
  }

  /** A child of {@link #dir()}, as a string for Spark's writers. */
  public String path(String child) {
    return new Path(work, child).toString();
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** Writes a small file (a report, a tokenizer file) under {@link #dir()}. */
  public void write(String child, byte[] content) {
    Path p = new Path(work, child);
    try (OutputStream out = fs.create(p, true)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }

  public void writeText(String child, String content) {
    write(child, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Marks the output complete and moves it into place (replacing an old output). */
  public void commit() {
    writeText(SUCCESS, "");
    if (inPlace) {
      return;
    }
    try {
      if (fs.exists(target) && !fs.delete(target, true)) {
        throw new StageException("cannot replace " + target);
      }
      fs.mkdirs(target.getParent());
      if (!fs.rename(work, target)) {
        throw new StageException("cannot move " + work + " into place as " + target);
      }
    } catch (IOException e) {
      throw new StageException("cannot move " + work + " into place as " + target + ": " + e.getMessage(), e);
    }
  }

  /** After a failure: removes the work directory; the old output (if any) is untouched. */
  public void abort() {
    if (inPlace) {
      return; // committed parts stay for --resume; no _SUCCESS marks the output incomplete
    }
    try {
      fs.delete(work, true);
    } catch (IOException e) {
      // the failure that led here is what the user needs to see; a leftover hidden directory is harmless
    }
  }

  /** Whether a directory holds a committed output. */
  public static boolean isComplete(FileSystem fs, Path dir) throws IOException {
    return fs.exists(new Path(dir, SUCCESS));
  }
}
