package io.corpusforge.jobs.io;

import java.io.Serializable;
import java.util.Map;

/**
 * One input record as the reader ({@link RecordReader}) gives it to every stage: read, or rejected with the common
 * reason.
 *
 * @param id the record's id, the derived id ({@code sha256:…}) or the file name (a whole-file document); null only for
 *     a reject under the {@code require} id policy
 * @param source where it came from: {@code file:line}, {@code file#n} (JSON array element, {@code <doc>} block), the
 *     file (a whole-file document, a Parquet row)
 * @param text the text, or null (a reject, or a record read without text fields)
 * @param json the record as a JSON object (every field, the id and text included), or null for a reject that could
 *     not be parsed
 * @param metadata {@code source}, {@code charset} (when it was not UTF-8) and the record's other fields as strings
 * @param reject null, or why the record cannot be used: {@code malformed-json}, {@code missing-id},
 *     {@code missing-text}, {@code undecodable}, {@code oversized}, {@code binary}, {@code unreadable}
 * @param rejectValue the measured value behind the reason (a size in bytes), or null
 * @param rejectDetail a human-readable detail, starting with the source, or null
 * @param record a reject's original record (the line, the file's head), cut at the rejects limit; null when read
 */
public record SourceRecord(String id, String source, String text, String json, Map<String, String> metadata,
    String reject, Double rejectValue, String rejectDetail, String record) implements Serializable {

  public boolean rejected() {
    return reject != null;
  }
}
