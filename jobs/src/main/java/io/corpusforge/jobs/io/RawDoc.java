package io.corpusforge.jobs.io;

import java.util.Map;

/**
 * One input record before cleaning. When reading failed (a malformed JSON line, an undecodable or binary file, an
 * oversized record), {@code error} names why, {@code errorValue} measures it (e.g. the size in bytes) and
 * {@code text} holds what could be recovered for the rejected row.
 */
public record RawDoc(String id, String source, String text, Map<String, String> metadata, String error,
    double errorValue, String errorDetail) {

  public static RawDoc ok(String id, String source, String text, Map<String, String> metadata) {
    return new RawDoc(id, source, text, metadata, null, Double.NaN, null);
  }

  public static RawDoc failed(String id, String source, String text, String error, double value, String detail) {
    return new RawDoc(id, source, text, Map.of("source", source), error, value, detail);
  }
}
