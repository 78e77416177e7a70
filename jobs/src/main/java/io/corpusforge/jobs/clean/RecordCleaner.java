package io.corpusforge.jobs.clean;

import io.corpusforge.clean.CleanChain;
import io.corpusforge.clean.CleanOutcome;
import io.corpusforge.clean.DocContext;
import io.corpusforge.jobs.SparkRows;
import io.corpusforge.jobs.io.CorpusInput;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.io.SourceRecord;
import java.io.Serializable;
import java.util.Map;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns one raw record into one output row, kept or rejected: the per-record body of the clean job's
 * mapPartitions. Records that failed to read are rejected with their input error; the rest go through the chain.
 */
final class RecordCleaner implements Serializable {
  static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("status", DataTypes.StringType, false),
      DataTypes.createStructField("id", DataTypes.StringType, true),
      DataTypes.createStructField("text", DataTypes.StringType, true),
      DataTypes.createStructField("original_length", DataTypes.IntegerType, false),
      DataTypes.createStructField("cleaned_length", DataTypes.IntegerType, false),
      DataTypes.createStructField("edited_by", DataTypes.createArrayType(DataTypes.StringType, false), false),
      DataTypes.createStructField("quality_score", DataTypes.DoubleType, false),
      DataTypes.createStructField("metadata",
          DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true),
      DataTypes.createStructField("reason", DataTypes.StringType, true),
      DataTypes.createStructField("value", DataTypes.DoubleType, true),
      DataTypes.createStructField("detail", DataTypes.StringType, true),
      DataTypes.createStructField("original_text", DataTypes.StringType, true),
      DataTypes.createStructField("original_bytes", DataTypes.LongType, false),
      DataTypes.createStructField("cleaned_bytes", DataTypes.LongType, false),
      DataTypes.createStructField("counters",
          DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType, false), false)});

  static final String KEPT = "kept";
  static final String REJECTED = "rejected";

  private final CleanChain chain;
  private final ReadOptions settings;
  private final Broadcast<Map<String, long[]>> frequentLines;

  /** @param frequentLines per source key ({@link SourceKey}), the sorted hashes of its recurring lines */
  RecordCleaner(CleanChain chain, ReadOptions settings, Broadcast<Map<String, long[]>> frequentLines) {
    this.chain = chain;
    this.settings = settings;
    this.frequentLines = frequentLines;
  }

  /** @param raw a row of {@link CorpusInput#SCHEMA} */
  Row clean(Row raw) {
    SourceRecord in = CorpusInput.record(raw);
    String id = in.id();
    String text = in.text();
    Map<String, String> metadata = in.metadata() != null ? in.metadata() : Map.of("source", in.source());
    if (in.rejected()) {
      return rejected(id, in.record(), metadata, in.reject(),
          in.rejectValue() == null ? Double.NaN : in.rejectValue(), in.rejectDetail());
    }
    long bytes = utf8Length(text);
    long[] frequent = frequentLines.value().get(SourceKey.of(metadata));
    CleanOutcome o = chain.process(text, frequent == null ? DocContext.NONE : new DocContext(frequent));
    if (!o.kept()) {
      return rejected(id, text, metadata, o.reason(), o.value(), o.detail(), o.counters());
    }
    return RowFactory.create(KEPT, id, o.text(), codePoints(text), codePoints(o.text()),
        o.editedBy().toArray(String[]::new), o.qualityScore(), SparkRows.map(metadata), null, null, null, null, bytes,
        utf8Length(o.text()), SparkRows.map(o.counters()));
  }

  private Row rejected(String id, String text, Map<String, String> metadata, String reason, double value,
      String detail) {
    return rejected(id, text, metadata, reason, value, detail, Map.of());
  }

  private Row rejected(String id, String text, Map<String, String> metadata, String reason, double value,
      String detail, Map<String, Long> counters) {
    String original = text == null ? "" : text;
    if (original.length() > settings.recordMaxChars()) {
      original = original.substring(0, settings.recordMaxChars());
    }
    return RowFactory.create(REJECTED, id, null, codePoints(text), 0, new String[0], 0.0, SparkRows.map(metadata),
        reason, Double.isNaN(value) ? null : value, detail, original, utf8Length(text), 0L, SparkRows.map(counters));
  }

  private static int codePoints(String s) {
    return s == null ? 0 : s.codePointCount(0, s.length());
  }

  static long utf8Length(String s) {
    if (s == null) {
      return 0;
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
