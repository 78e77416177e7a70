package io.corpusforge.jobs.io;

import com.typesafe.config.Config;
import io.corpusforge.jobs.generate.EnumNames;
import io.corpusforge.jobs.stage.StageException;
import java.io.Serializable;
import java.util.List;

/**
 * How the one reader ({@link RecordReader}) turns input records into id + text: the options every stage states in
 * its {@code STAGE.input} section, with {@code stage.input} as the defaults (docs/stages.md).
 *
 * @param textFields the fields that may hold the text, first non-blank string wins; empty = no text is required
 *     (generate's products, which have their own fields)
 * @param idFields the fields that may hold the id, first non-blank scalar wins
 * @param idPolicy what a record without an id gets
 * @param decoding which byte encodings are accepted
 * @param maxRecordBytes a record (a line, a file, a Parquet row as JSON) over this many bytes is {@code oversized}
 * @param binaryControlShare a plain-text file whose first 8 KB hold a NUL or more control bytes than this is binary
 * @param recordMaxChars a rejected record keeps at most this many characters ({@code stage.rejects.record-max-chars})
 */
public record ReadOptions(List<String> textFields, List<String> idFields, IdPolicy idPolicy, Decoding decoding,
    int maxRecordBytes, double binaryControlShare, int recordMaxChars) implements Serializable {

  /** {@code derive}: the id is {@code sha256:<16 hex>} of the record as read; {@code require}: a {@code missing-id} reject. */
  public enum IdPolicy { DERIVE, REQUIRE }

  /** {@code utf-8}: bytes that are not UTF-8 are {@code undecodable}; {@code chinese}: GB18030/Big5 are detected too. */
  public enum Decoding { UTF_8, CHINESE }

  public ReadOptions {
    textFields = List.copyOf(textFields);
    idFields = List.copyOf(idFields);
  }

  /** The options under {@code path} (e.g. {@code clean.input}), each one missing there taken from {@code stage.input}. */
  public static ReadOptions of(Config config, String path) {
    Config in = config.getConfig(path).withFallback(config.getConfig("stage.input"));
    try {
      return new ReadOptions(in.getStringList("text-fields"), in.getStringList("id-fields"),
          EnumNames.parse(IdPolicy.class, path + ".id", in.getString("id")),
          EnumNames.parse(Decoding.class, path + ".decoding", in.getString("decoding")),
          in.getBytes("max-record-bytes").intValue(), in.getDouble("binary-control-share"),
          config.getInt("stage.rejects.record-max-chars"));
    } catch (IllegalArgumentException e) {
      throw new StageException(e.getMessage());
    }
  }

  public ReadOptions withFields(List<String> text, List<String> id) {
    return new ReadOptions(text, id, idPolicy, decoding, maxRecordBytes, binaryControlShare, recordMaxChars);
  }
}
