package io.corpusforge.e2e.nightly;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Counts the records of a corpus directory independently of the project's reader, by the rule the clean job
 * promises: every non-blank line of a JSON Lines file (compressed or not) is one record, a {@code <doc>} of a .dat
 * file is one, any other file is one document; a compressed file that breaks off adds one record (the reject that
 * says it is unreadable) after the lines read before the break.
 */
final class InputRecordCount {
  private InputRecordCount() {}

  static long of(Path dir) throws IOException {
    long n = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        n += ofFile(f);
      }
    }
    return n;
  }

  static long ofFile(Path f) throws IOException {
    String name = f.getFileName().toString();
    if (name.endsWith(".dat")) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      return text.split("<doc>", -1).length - 1;
    }
    if (!name.matches(".*\\.jsonl?(\\.gz|\\.zst)?")) {
      return 1;
    }
    long lines = 0;
    try (InputStream raw = Files.newInputStream(f);
        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw)
            : name.endsWith(".zst") ? new ZstdInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          lines++;
        }
      }
    } catch (EOFException e) {
      return lines + 1;
    }
    return lines;
  }
}
