package io.corpusforge.jobs.vocab;

import io.corpusforge.tokenization.bpe.BpeTokenizer;
import io.corpusforge.tokenization.bpe.Wtf8;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.BitSet;
import java.util.List;

/**
 * Compression and coverage of a tokenizer on held-out documents (not used in training): characters (Unicode code
 * points) and UTF-8 bytes per token, the share of the vocabulary that occurs at all, and encode throughput.
 * Special-token text in documents is encoded as ordinary text (documents are data, not chat templates).
 */
public record HeldOutEvaluation(long docs, long chars, long bytes, long tokens, int vocabUsed, int vocabSize,
    double encodeSeconds, boolean roundTripOk) {

  public static HeldOutEvaluation of(BpeTokenizer tokenizer, List<String> texts) {
    long chars = 0;
    long bytes = 0;
    long tokens = 0;
    BitSet used = new BitSet(tokenizer.vocabSize());
    for (String t : texts) {
      chars += t.codePointCount(0, t.length());
      bytes += Wtf8.encode(t).length;
    }
    // CPU time of this thread when the JVM measures it: on a shared machine wall time mostly measures the neighbours
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    boolean cpu = mx.isCurrentThreadCpuTimeSupported();
    long t0 = cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime();
    int[][] encoded = new int[texts.size()][];
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = tokenizer.encodeOrdinary(texts.get(i));
    }
    double seconds = ((cpu ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e9;
    boolean roundTrip = true;
    for (int i = 0; i < encoded.length; i++) { // outside the timed loop
      tokens += encoded[i].length;
      for (int id : encoded[i]) {
        used.set(id);
      }
      roundTrip &= tokenizer.decode(encoded[i]).equals(texts.get(i));
    }
    return new HeldOutEvaluation(texts.size(), chars, bytes, tokens, used.cardinality(), tokenizer.vocabSize(),
        seconds, roundTrip);
  }

  public double charsPerToken() {
    return tokens == 0 ? 0 : (double) chars / tokens;
  }

  public double bytesPerToken() {
    return tokens == 0 ? 0 : (double) bytes / tokens;
  }

  public double vocabUsedShare() {
    return vocabSize == 0 ? 0 : (double) vocabUsed / vocabSize;
  }

  /**
   * Encode throughput in MB (10^6 bytes of UTF-8 input) per second of the encoding thread's CPU time (wall time if
   * the JVM cannot measure thread CPU time), single thread, pre-tokenization included, cache starting empty.
   */
  public double encodeMegabytesPerSecond() {
    return encodeSeconds <= 0 ? 0 : bytes / 1e6 / encodeSeconds;
  }
}
