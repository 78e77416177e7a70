package io.corpusforge.jobs.dedup;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.corpusforge.dedup.DocumentSketcher;
import io.corpusforge.dedup.HashNormalizer;
import io.corpusforge.dedup.LshBands;
import io.corpusforge.dedup.Paragraphs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The dedup job as a composition: read, sketch (exact key + MinHash), exact groups, LSH candidates linked to
 * each bucket's minimum id, verification on signatures, connected components, one representative per cluster,
 * paragraph dedup over the survivors, write. Every step is a set operation keyed by id, so the result does not
 * depend on input order or partitioning.
 */
public final class DedupJob {
  private final SparkSession spark;
  private final DedupSettings settings;

  public DedupJob(SparkSession spark, DedupSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  static final StructType SKETCH = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("k_quality", DataTypes.DoubleType, false)
      .add("k_length", DataTypes.LongType, false)
      .add("exact_key", DataTypes.StringType, false)
      .add("sig", DataTypes.createArrayType(DataTypes.LongType, false), true);

  static final StructType BAND = new StructType()
      .add("band_key", DataTypes.LongType, false)
      .add("id", DataTypes.StringType, false);

  static final StructType PARAGRAPH_KEY = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("pkey", DataTypes.LongType, false);

  static final StructType EDITED = new StructType()
      .add("id", DataTypes.StringType, false)
      .add("new_text", DataTypes.StringType, false)
      .add("removed", DataTypes.IntegerType, false)
      .add("emptied", DataTypes.BooleanType, false);

  public DedupReport run(List<String> inputs, String output, boolean overwrite) throws IOException {
    long start = System.nanoTime();
    Path out = new Path(output);
    FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (fs.exists(out)) {
      if (!overwrite) {
        throw new io.corpusforge.cli.CliArgs.UsageException("--output " + output
            + " already exists (add --overwrite to replace it)");
      }
      fs.delete(out, true);
    }
    Map<String, Double> phases = new LinkedHashMap<>();
    long[] mark = {System.nanoTime()};
    Dataset<Row> input = DocumentInput.read(spark, inputs);
    phase(phases, "read", mark);
    List<String> userColumns = new ArrayList<>(List.of(input.columns()));
    userColumns.removeAll(DocumentInput.INTERNAL);
    Column[] userCols = userColumns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);

    Dataset<Row> valid = input.filter(col("_reject").isNull());
    input.filter(col("_reject").isNotNull()).select(concat(userCols, col("_reject").as("reject_reason")))
        .repartition(1).write().parquet(output + "/rejected");

    // 1. Sketch every document; exact groups by normalized-text key.
    Dataset<Row> sketches = sketch(valid);
    Dataset<Row> exactReps = sketches.groupBy("exact_key")
        .agg(min(struct(col("k_quality"), col("k_length"), col("id"))).as("best"))
        .select(col("exact_key"), col("best.id").as("exact_rep"));
    Dataset<Row> docs = sketches.join(exactReps, "exact_key").localCheckpoint();
    phase(phases, "sketch_and_exact", mark);

    // 2. Near duplicates among the exact representatives.
    Dataset<Row> reps = docs.filter(col("id").equalTo(col("exact_rep")));
    Dataset<Row> candidates = settings.nearEnabled()
        ? candidatePairs(reps).localCheckpoint()
        : spark.createDataFrame(List.of(), new StructType().add("src", "string").add("dst", "string"));
    Dataset<Row> repTexts = reps.select("id").join(valid.select(col("_id").as("id"), col("text")), "id");
    phase(phases, "lsh_candidates", mark);
    Dataset<Row> verified = verify(candidates, reps, repTexts).localCheckpoint();
    phase(phases, "verify", mark);
    ConnectedComponents.Result components = ConnectedComponents.compute(verified, settings.maxComponentIterations());
    phase(phases, "components", mark);

    // 3. Clusters: each document follows its exact representative's component; best document represents it.
    Dataset<Row> repComponent = reps.select("id").join(components.labels(), "id", "left")
        .select(col("id").as("exact_rep"), coalesce(col("component"), col("id")).as("component"));
    Dataset<Row> clustered = docs.join(repComponent, "exact_rep");
    Dataset<Row> clusterInfo = clustered.groupBy("component").agg(
        min(struct(col("k_quality"), col("k_length"), col("id"))).as("best"),
        min("id").as("cluster_id"), count(lit(1)).as("cluster_size"))
        .select(col("component"), col("best.id").as("representative_id"), col("cluster_id"), col("cluster_size"));
    Dataset<Row> repSigs = docs.select(col("id").as("representative_id"), col("sig").as("rep_sig"),
        col("exact_key").as("rep_exact_key"));
    Dataset<Row> decisions = clustered.join(clusterInfo, "component").join(repSigs, "representative_id")
        .select(col("id"), col("cluster_id"), col("representative_id"), col("cluster_size"),
            when(col("exact_key").equalTo(col("rep_exact_key")), lit(1.0))
                .otherwise(coalesce(signatureSimilarity("sig", "rep_sig"), lit(0.0))).as("similarity"),
            when(col("id").equalTo(col("representative_id")), lit(null).cast("string"))
                .when(col("id").notEqual(col("exact_rep")), lit("exact"))
                .otherwise(lit("near")).as("removed_by"))
        .localCheckpoint();
    phase(phases, "clusters", mark);

    // 4. Paragraph dedup over the survivors.
    Dataset<Row> survivors = decisions.filter(col("removed_by").isNull()).select("id")
        .join(valid.select(col("_id").as("id"), col("text")), "id");
    ParagraphOutcome paragraphs = paragraphDedup(survivors);
    Dataset<Row> edited = paragraphs.edited();
    phase(phases, "paragraphs", mark);

    Dataset<Row> finalDecisions = decisions.join(edited.select("id", "emptied"), "id", "left")
        .withColumn("removed_by", when(coalesce(col("emptied"), lit(false)), lit("paragraphs"))
            .otherwise(col("removed_by")))
        .withColumn("kept", col("removed_by").isNull())
        .select("id", "cluster_id", "representative_id", "similarity", "kept", "removed_by", "cluster_size");

    // 5. Write kept/ in the input schema, clusters/, report.json.
    Dataset<Row> kept = valid.join(edited.filter(col("emptied").equalTo(false))
            .select(col("id").as("_id"), col("new_text")), "_id")
        .withColumn("text", col("new_text"));
    sortedById(kept, "_id").select(userCols).write().parquet(output + "/kept");
    sortedById(finalDecisions, "id").write().parquet(output + "/clusters");
    phase(phases, "write", mark);

    DedupReport report = report(input, finalDecisions, candidates, verified, components.rounds(), paragraphs,
        (System.nanoTime() - start) / 1e9, phases);
    try (OutputStream os = fs.create(new Path(out, "report.json"), true)) {
      os.write(report.toJson().getBytes(StandardCharsets.UTF_8));
    }
    return report;
  }

  /** Records the seconds since the last mark under {@code name} (phases end at materialized checkpoints). */
  private static void phase(Map<String, Double> phases, String name, long[] mark) {
    long now = System.nanoTime();
    phases.put(name, Math.round((now - mark[0]) / 1e8) / 10.0);
    mark[0] = now;
  }

  private static Column[] concat(Column[] cols, Column extra) {
    Column[] all = java.util.Arrays.copyOf(cols, cols.length + 1);
    all[cols.length] = extra;
    return all;
  }

  /** Fixed number of files, rows hash-partitioned by id and sorted within each: independent of the input layout. */
  private Dataset<Row> sortedById(Dataset<Row> df, String idColumn) {
    return df.repartition(settings.outputFiles(), col(idColumn)).sortWithinPartitions(idColumn);
  }

  private Dataset<Row> sketch(Dataset<Row> valid) {
    DocumentSketcher sketcher = settings.sketcher();
    MapPartitionsFunction<Row, Row> fn = rows -> new MappingIterator<>(rows, r -> {
      String id = r.getString(0);
      Double q = r.isNullAt(1) ? null : r.getDouble(1);
      String text = r.getString(2);
      DocumentSketcher.Sketch s = sketcher.sketch(text);
      long[] sig = s.signature();
      return RowFactory.create(id, q == null ? Double.POSITIVE_INFINITY : -q,
          -(long) text.codePointCount(0, text.length()), s.exactKey(), sig == null ? null : boxed(sig));
    });
    return valid.select("_id", "_q", "text").mapPartitions(fn, Encoders.row(SKETCH));
  }

  /** LSH candidate pairs: per bucket, each member to the bucket minimum and to its predecessor in id order. */
  private Dataset<Row> candidatePairs(Dataset<Row> reps) {
    LshBands lsh = settings.lsh();
    MapPartitionsFunction<Row, Row> fn = rows -> new FlatIterator(rows, r -> {
      if (r.isNullAt(1)) {
        return List.of();
      }
      String id = r.getString(0);
      List<Long> sigList = r.getList(1);
      long[] sig = new long[sigList.size()];
      for (int i = 0; i < sig.length; i++) {
        sig[i] = sigList.get(i);
      }
      List<Row> out = new ArrayList<>(lsh.bands());
      for (long key : lsh.bandKeys(sig)) {
        out.add(RowFactory.create(key, id));
      }
      return out;
    });
    Dataset<Row> bands = reps.select("id", "sig").mapPartitions(fn, Encoders.row(BAND));
    // Within a bucket (members in id order) every member is linked to the bucket's smallest id and to its
    // predecessor. The minimum alone can be an unrelated or only loosely related member, which would leave two
    // true near duplicates of the same bucket unconnected; the predecessor chain still connects them, and the
    // edge count stays <= 2 per document and band.
    var bucket = Window.partitionBy("band_key").orderBy("id");
    Dataset<Row> linked = bands
        .withColumn("root", first("id").over(bucket))
        .withColumn("prev", lag("id", 1).over(bucket));
    return linked.filter(col("id").notEqual(col("root"))).select(col("id").as("src"), col("root").as("dst"))
        .union(linked.filter(col("prev").isNotNull().and(col("prev").notEqual(col("root"))))
            .select(col("id").as("src"), col("prev").as("dst")))
        .distinct();
  }

  static final StructType PAIR = new StructType()
      .add("src", DataTypes.StringType, false)
      .add("dst", DataTypes.StringType, false);

  /**
   * Keeps candidate pairs of Jaccard >= threshold. The signature estimate decides alone when it is further than
   * dedup.verify.exact-band from the threshold (beyond about 3 standard errors); pairs inside the band are
   * settled by the exact Jaccard of their shingle sets, recomputed from the two texts.
   */
  private Dataset<Row> verify(Dataset<Row> candidates, Dataset<Row> reps, Dataset<Row> texts) {
    Dataset<Row> sigs = reps.select(col("id"), col("sig"));
    Dataset<Row> estimated = candidates
        .join(sigs.select(col("id").as("src"), col("sig").as("src_sig")), "src")
        .join(sigs.select(col("id").as("dst"), col("sig").as("dst_sig")), "dst")
        .select(col("src"), col("dst"), signatureSimilarity("src_sig", "dst_sig").as("est"))
        .localCheckpoint();
    double t = settings.threshold();
    double band = settings.exactBand();
    Dataset<Row> sure = estimated.filter(col("est").geq(t + band)).select("src", "dst");
    Dataset<Row> unsure = estimated.filter(col("est").gt(t - band).and(col("est").lt(t + band)));
    DocumentSketcher sketcher = settings.sketcher();
    MapPartitionsFunction<Row, Row> exactFn = rows -> new FlatIterator(rows, r ->
        sketcher.exactJaccard(r.getString(2), r.getString(3)) >= t
            ? List.of(RowFactory.create(r.getString(0), r.getString(1))) : List.of());
    Dataset<Row> unsureIds = unsure.select(col("src").as("id")).union(unsure.select(col("dst").as("id")))
        .distinct().localCheckpoint();
    Dataset<Row> unsureTexts = texts.join(unsureIds, "id", "left_semi");
    Dataset<Row> checked = unsure
        .join(unsureTexts.select(col("id").as("src"), col("text").as("src_text")), "src")
        .join(unsureTexts.select(col("id").as("dst"), col("text").as("dst_text")), "dst")
        .select("src", "dst", "src_text", "dst_text")
        .mapPartitions(exactFn, Encoders.row(PAIR));
    return sure.union(checked);
  }

  /** Fraction of equal positions of two signature columns, in SQL (no row conversion); null if either is null. */
  private Column signatureSimilarity(String a, String b) {
    return expr("aggregate(zip_with(" + a + ", " + b + ", (x, y) -> if(x = y, 1, 0)), 0, (acc, v) -> acc + v)")
        .divide(settings.numHashes());
  }

  record ParagraphOutcome(Dataset<Row> edited, long boilerplate) {}

  /**
   * Paragraphs in >= min-docs survivors are boilerplate: removed from every survivor but the smallest id. Returns,
   * for every survivor, its new text, lines removed and whether nothing but boilerplate was left.
   */
  private ParagraphOutcome paragraphDedup(Dataset<Row> survivors) {
    HashNormalizer normalizer = settings.normalizer();
    int minChars = settings.paragraphMinChars();
    Dataset<Row> removeKeys;
    long boilerplate = 0;
    if (settings.paragraphsEnabled()) {
      MapPartitionsFunction<Row, Row> keysFn = rows -> new FlatIterator(rows, r -> {
        List<Row> out = new ArrayList<>();
        for (long k : Paragraphs.keys(r.getString(1), normalizer, minChars)) {
          out.add(RowFactory.create(r.getString(0), k));
        }
        return out;
      });
      Dataset<Row> keys = survivors.select("id", "text").mapPartitions(keysFn, Encoders.row(PARAGRAPH_KEY))
          .localCheckpoint();
      Dataset<Row> frequent = keys.groupBy("pkey").agg(count(lit(1)).as("docs"), min("id").as("first"))
          .filter(col("docs").geq(settings.paragraphMinDocs())).localCheckpoint();
      boilerplate = frequent.count();
      removeKeys = keys.join(frequent, "pkey").filter(col("id").notEqual(col("first")))
          .groupBy("id").agg(collect_list("pkey").as("remove_keys"));
    } else {
      removeKeys = spark.createDataFrame(List.of(), new StructType().add("id", "string")
          .add("remove_keys", DataTypes.createArrayType(DataTypes.LongType)));
    }
    MapPartitionsFunction<Row, Row> editFn = rows -> new MappingIterator<>(rows, r -> {
      String text = r.getString(1);
      if (r.isNullAt(2)) {
        return RowFactory.create(r.getString(0), text, 0, false);
      }
      java.util.Set<Long> remove = new java.util.HashSet<>(r.getList(2));
      Paragraphs.Removal removal = Paragraphs.remove(text, normalizer, minChars, remove::contains);
      boolean emptied = normalizer.codePoints(removal.text()).length == 0;
      return RowFactory.create(r.getString(0), removal.text(), removal.removed(), emptied);
    });
    Dataset<Row> edited = survivors.join(removeKeys, "id", "left").select("id", "text", "remove_keys")
        .mapPartitions(editFn, Encoders.row(EDITED)).localCheckpoint();
    return new ParagraphOutcome(edited, boilerplate);
  }

  private DedupReport report(Dataset<Row> input, Dataset<Row> decisions, Dataset<Row> candidates,
      Dataset<Row> verified, int rounds, ParagraphOutcome paragraphs, double seconds, Map<String, Double> phases) {
    Map<String, Long> rejected = new TreeMap<>();
    long docsIn = 0;
    for (Row r : input.groupBy("_reject").count().collectAsList()) {
      docsIn += r.getLong(1);
      if (!r.isNullAt(0)) {
        rejected.put(r.getString(0), r.getLong(1));
      }
    }
    Map<String, Long> removedBy = new TreeMap<>();
    long docsOut = 0;
    for (Row r : decisions.groupBy("removed_by").count().collectAsList()) {
      if (r.isNullAt(0)) {
        docsOut = r.getLong(1);
      } else {
        removedBy.put(r.getString(0), r.getLong(1));
      }
    }
    Row p = paragraphs.edited().agg(coalesce(sum("removed"), lit(0L)),
        count(when(col("removed").gt(0), lit(1)))).first();
    Map<String, Long> histogram = new LinkedHashMap<>();
    long clusters = 0;
    List<Row> sizes = decisions.filter(col("cluster_size").gt(1)).groupBy("cluster_id").agg(min("cluster_size"))
        .groupBy(col("min(cluster_size)").as("size")).count().orderBy("size").collectAsList();
    for (Row r : sizes) {
      clusters += r.getLong(1);
      histogram.merge(DedupReport.sizeBucket(r.getLong(0)), r.getLong(1), Long::sum);
    }
    return new DedupReport(docsIn, rejected, removedBy.getOrDefault("exact", 0L),
        removedBy.getOrDefault("near", 0L), removedBy.getOrDefault("paragraphs", 0L), docsOut, candidates.count(),
        verified.count(), rounds, paragraphs.boilerplate(), ((Number) p.get(0)).longValue(), p.getLong(1),
        clusters, histogram, seconds, phases, settings);
  }

  private static Long[] boxed(long[] a) {
    Long[] out = new Long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  /** Lazily maps an iterator (keeps mapPartitions streaming). */
  static final class MappingIterator<A, B> implements Iterator<B> {
    private final Iterator<A> in;
    private final Function<A, B> f;

    MappingIterator(Iterator<A> in, Function<A, B> f) {
      this.in = in;
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      return in.hasNext();
    }

    @Override
    public B next() {
      return f.apply(in.next());
    }
  }

  /** Lazily flat-maps rows to lists of rows. */
  static final class FlatIterator implements Iterator<Row> {
    private final Iterator<Row> in;
    private final Function<Row, List<Row>> f;
    private Iterator<Row> current = java.util.Collections.emptyIterator();

    FlatIterator(Iterator<Row> in, Function<Row, List<Row>> f) {
      this.in = in;
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && in.hasNext()) {
        current = f.apply(in.next()).iterator();
      }
      return current.hasNext();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return current.next();
    }
  }
}
