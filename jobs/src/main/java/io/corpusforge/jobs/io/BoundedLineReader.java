package io.corpusforge.jobs.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads '\n'-terminated lines as bytes, keeping at most {@code maxBytes} of each: a 100 MB line costs 100 MB of
 * reading but only {@code maxBytes} of memory. Safe for GB18030 and Big5, whose multi-byte sequences never contain
 * the byte 0x0A.
 */
final class BoundedLineReader {
  private final InputStream in;
  private final int maxBytes;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1024];
  private int lineLength;
  private long fullLength;

  BoundedLineReader(InputStream in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /** Reads the next line; false at end of input. The line is in {@link #bytes()}/{@link #length()}. */
  boolean next() throws IOException {
    lineLength = 0;
    fullLength = 0;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer, 0, buffer.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return any;
        }
      }
      any = true;
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      append(start, pos - start);
      if (pos < limit) {
        pos++;  // the newline
        if (lineLength > 0 && line[lineLength - 1] == '\r' && fullLength == lineLength) {
          lineLength--;
          fullLength--;
        }
        return true;
      }
    }
  }

  private void append(int start, int n) {
    fullLength += n;
    int keep = Math.min(n, maxBytes - lineLength);
    if (keep <= 0) {
      return;
    }
    if (lineLength + keep > line.length) {
      byte[] bigger = new byte[Math.max(line.length * 2, lineLength + keep)];
      System.arraycopy(line, 0, bigger, 0, lineLength);
      line = bigger;
    }
    System.arraycopy(buffer, start, line, lineLength, keep);
    lineLength += keep;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLength;
  }

  /** The line's real length, larger than {@link #length()} when it was cut. */
  long fullLength() {
    return fullLength;
  }

  boolean truncated() {
    return fullLength > lineLength;
  }
}
