package io.corpusforge.jobs.nightly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import io.corpusforge.jobs.stage.OutputPolicy;
import io.corpusforge.jobs.stage.StageException;
import io.corpusforge.jobs.stage.StageOutput;

/**
 * The stage directories of one dated run, {@code <root>/dt=YYYY-MM-DD/<stage>/}, on any Hadoop file system, committed
 * through the stage skeleton's {@link StageOutput}: a stage writes into a hidden work directory, and committing puts
 * {@code _STAGE.json} (fingerprint, commands, timing) and {@code _SUCCESS} there and renames it into place, so a stage
 * directory either is complete or does not exist.
 */
public final class StageDirs {
  public static final String SUCCESS = StageOutput.SUCCESS;
  public static final String STAGE_FILE = "_STAGE.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final FileSystem fs;
  private final Path run;

  public StageDirs(String runDir, Configuration hadoop) {
    try {
      Path p = new Path(runDir);
      this.fs = p.getFileSystem(hadoop);
      this.run = fs.makeQualified(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + runDir, e);
    }
  }

  public String runDir() {
    return run.toString();
  }

  public String path(String stage) {
    return new Path(run, stage).toString();
  }

  /** A finished stage: its directory holds {@code _SUCCESS}. */
  public boolean committed(String stage) {
    return exists(new Path(new Path(run, stage), SUCCESS));
  }

  /** The fingerprint a finished stage was committed with (empty for a stage without one). */
  public Optional<Fingerprint> committedFingerprint(String stage) {
    Path file = new Path(new Path(run, stage), STAGE_FILE);
    if (!exists(file)) {
      return Optional.empty();
    }
    try (InputStream in = fs.open(file)) {
      JsonNode fp = JSON.readTree(in).path("fingerprint");
      Map<String, String> settings = new LinkedHashMap<>();
      fp.path("settings").properties().forEach(e -> settings.put(e.getKey(), e.getValue().asText()));
      List<String> inputs = new ArrayList<>();
      fp.path("inputs").forEach(n -> inputs.add(n.asText()));
      return Optional.of(new Fingerprint(settings, inputs));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The {@code _STAGE.json} of a finished stage, or null. */
  public JsonNode stageFile(String stage) {
    Path file = new Path(new Path(run, stage), STAGE_FILE);
    if (!exists(file)) {
      return null;
    }
    try (InputStream in = fs.open(file)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Where a stage writes: the skeleton's {@link StageOutput} for {@code <run>/<stage>} (a hidden work directory
   * beside it, renamed into place on commit; an earlier output, e.g. of a forced stage, is replaced only then).
   */
  public StageOutput open(String stage, String runId, Configuration hadoop) {
    return StageOutput.open(hadoop, path(stage), OutputPolicy.OVERWRITE, false, runId);
  }

  /** Writes {@code _STAGE.json} into the stage's work directory, then commits it (_SUCCESS, rename into place). */
  public void commit(StageOutput output, Map<String, Object> stageInfo) {
    try {
      output.write(STAGE_FILE, JSON.writeValueAsBytes(stageInfo));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + STAGE_FILE, e);
    }
    output.commit();
  }

  /** Writes a file at the run level (report.json, report.html) through a temporary name and a rename. */
  public void writeRunFile(String name, byte[] content) {
    Path target = new Path(run, name);
    Path tmp = new Path(run, "." + name + ".tmp");
    try {
      write(tmp, content);
      if (fs.exists(target)) {
        fs.delete(target, false);
      }
      fs.rename(tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * Every file under the paths as "path size content" lines in a stable order: a fingerprint's inputs. The content
   * is the file's SHA-256 up to {@code hashMaxBytes} (so a fresh checkout or a copy of the same bytes fingerprints the
   * same) and its modification time above that (hashing a large corpus every night would cost a full read).
   */
  public static List<String> listing(List<String> paths, long hashMaxBytes, Configuration hadoop) {
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      try {
        Path path = new Path(p);
        FileSystem fs = path.getFileSystem(hadoop);
        if (!fs.exists(path)) {
          throw new StageException("input " + p + " does not exist");
        }
        var files = fs.listFiles(path, true);
        List<String> lines = new ArrayList<>();
        while (files.hasNext()) {
          var f = files.next();
          String content = f.getLen() <= hashMaxBytes ? "sha256=" + sha256(fs, f.getPath())
              : "mtime=" + f.getModificationTime();
          lines.add(fs.makeQualified(f.getPath()) + " " + f.getLen() + " " + content);
        }
        lines.sort(null);
        out.addAll(lines);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + p, e);
      }
    }
    return out;
  }

  private static String sha256(FileSystem fs, Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = fs.open(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private boolean exists(Path p) {
    try {
      return fs.exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + p, e);
    }
  }

  private void write(Path p, byte[] content) throws IOException {
    try (OutputStream out = fs.create(p, true)) {
      out.write(content);
    }
  }
}
