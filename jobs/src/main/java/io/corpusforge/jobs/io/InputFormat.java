package io.corpusforge.jobs.io;

import io.corpusforge.jobs.generate.EnumNames;
import java.nio.charset.StandardCharsets;

/**
 * How the input files are laid out. {@code BY_NAME} (clean, dedup, vocab) decides per file from its name and first
 * bytes ({@link FileRecords}); generate names one format for all files, or {@code auto}: {@link #detect} on the first
 * bytes of the first file.
 */
public enum InputFormat {
  BY_NAME,
  /** JSON Lines (or a JSON array of objects) */
  JSONL,
  PARQUET,
  /** the JD-NLG-Rhino product corpus, see {@link JdCorpus} */
  JD;

  /** A format other than {@code auto}, which the caller resolves with {@link #detect}. */
  public static InputFormat parse(String name) {
    return EnumNames.parse(InputFormat.class, "input format (or auto)", name);
  }

  /**
   * Detects the format from the start of a file: Parquet's magic bytes; a first line that is a whole JSON object
   * (JSON Lines); a first line that opens an object and continues on later lines (a JD corpus JSON file); tab
   * separated pairs (a JD kb file).
   */
  public static InputFormat detect(byte[] head) {
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
      return PARQUET;
    }
    String text = new String(head, StandardCharsets.UTF_8).stripLeading();
    int nl = text.indexOf('\n');
    String firstLine = (nl < 0 ? text : text.substring(0, nl)).strip();
    if (firstLine.startsWith("{") && firstLine.endsWith("}")) {
      return JSONL;
    }
    if (firstLine.startsWith("{") || firstLine.contains("\t")) {
      return JD;
    }
    throw new IllegalArgumentException("cannot tell the input format from its first line '"
        + (firstLine.length() > 60 ? firstLine.substring(0, 60) + "..." : firstLine)
        + "': pass --input-format jsonl|parquet|jd");
  }
}
