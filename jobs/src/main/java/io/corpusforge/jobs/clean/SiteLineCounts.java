package io.corpusforge.jobs.clean;

import static org.apache.spark.sql.functions.col;

import com.typesafe.config.Config;
import io.corpusforge.clean.CleanChain;
import io.corpusforge.clean.LineHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Cross-document line frequency per source (CCNet's line hashing), as Spark composition: every readable record's
 * normalized text → its distinct candidate line hashes → (source, hash) → count of documents → the pairs seen in
 * at least {@code min-docs} documents, at most {@code max-lines} of them (most frequent first, ties by source and
 * hash: the same input gives the same set). The result goes to the driver and is broadcast; its size is bounded by
 * {@code max-lines} × 8 bytes plus the source names.
 */
final class SiteLineCounts {
  private static final StructType PAIRS = new StructType()
      .add("source", DataTypes.StringType, false)
      .add("hash", DataTypes.LongType, false);

  private SiteLineCounts() {}

  static Map<String, long[]> frequentLines(Dataset<Row> raw, CleanChain chain, Config site) {
    int minDocs = site.getInt("min-docs");
    int minChars = site.getInt("min-line-chars");
    int maxChars = site.getInt("max-line-chars");
    int maxLines = site.getInt("max-lines");
    Dataset<Row> pairs = raw.filter(col("_reject").isNull())
        .flatMap((FlatMapFunction<Row, Row>) r -> hashes(r, chain, minChars, maxChars), Encoders.row(PAIRS));
    List<Row> frequent = pairs.groupBy("source", "hash").count()
        .filter(col("count").geq(minDocs))
        .orderBy(col("count").desc(), col("source"), col("hash"))
        .limit(maxLines)
        .collectAsList();
    Map<String, List<Long>> bySource = new HashMap<>();
    for (Row r : frequent) {
      bySource.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getLong(1));
    }
    Map<String, long[]> out = new HashMap<>();
    bySource.forEach((source, list) -> out.put(source, list.stream().mapToLong(Long::longValue).sorted().toArray()));
    return out;
  }

  private static Iterator<Row> hashes(Row r, CleanChain chain, int minChars, int maxChars) {
    String text = r.getString(r.fieldIndex("_text"));
    if (text == null) {
      return java.util.Collections.emptyIterator();
    }
    String source = SourceKey.of(r.getJavaMap(r.fieldIndex("_metadata")));
    List<Row> out = new ArrayList<>();
    String normalized;
    try {
      normalized = chain.normalize(text);
    } catch (RuntimeException | StackOverflowError e) {
      return java.util.Collections.emptyIterator();  // the clean pass rejects it with the failing rule's name
    }
    for (long h : LineHash.distinctLines(normalized, minChars, maxChars)) {
      out.add(RowFactory.create(source, h));
    }
    return out.iterator();
  }
}
