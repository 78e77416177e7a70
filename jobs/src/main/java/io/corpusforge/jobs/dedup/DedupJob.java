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
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.stage.PartitionIterators;
import io.corpusforge.jobs.stage.PartitionProgress;
import io.corpusforge.jobs.stage.Rejects;
import io.corpusforge.jobs.stage.Stage;
import io.corpusforge.jobs.stage.StageContext;
import io.corpusforge.jobs.stage.StageResult;
import io.corpusforge.jobs.stage.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
public final class DedupJob implements Stage {
  private final List<String> inputs;
  private final DedupSettings settings;
  private final ReadOptions limits;
  private SparkSession spark;

  /**
   * @param limits the reader's options ({@code dedup.input})
   */
  public DedupJob(List<String> inputs, DedupSettings settings, ReadOptions limits) {
    this.inputs = List.copyOf(inputs);
    this.settings = settings;
    this.limits = limits;
  }

  @Override
  public StageSpec spec() {
    return new StageSpec("dedup", inputs, List.of("kept/", "clusters/", "rejected/", "report.json"), settings);
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

  @Override
  public StageResult run(StageContext ctx) {
    this.spark = ctx.spark();
    Dataset<Row> input = DocumentInput.read(spark, inputs, limits);
    ctx.phase("read");
    Column[] userCols = DocumentInput.userColumns(input);

    Dataset<Row> valid = input.filter(col("_reject").isNull());
    ctx.writeRejects(Rejects.of(input.filter(col("_reject").isNotNull()), name(), col("_id"), col("_reject"),
        col("_reject_value"), col("_reject_detail"), col("_record")));
    ctx.phase("rejects");

    // 1. Sketch every document; exact groups by normalized-text key.
    Dataset<Row> sketches = sketch(valid, ctx.progress("sketch"));
    Dataset<Row> exactReps = sketches.groupBy("exact_key")
        .agg(min(struct(col("k_quality"), col("k_length"), col("id"))).as("best"))
        .select(col("exact_key"), col("best.id").as("exact_rep"));
    Dataset<Row> docs = sketches.join(exactReps, "exact_key").localCheckpoint();
    ctx.phase("sketch_and_exact");

    // 2. Near duplicates among the exact representatives.
    Dataset<Row> reps = docs.filter(col("id").equalTo(col("exact_rep")));
    Dataset<Row> candidates = settings.nearEnabled()
        ? candidatePairs(reps).localCheckpoint()
        : spark.createDataFrame(List.of(), new StructType().add("src", "string").add("dst", "string"));
    Dataset<Row> repTexts = reps.select("id").join(valid.select(col("_id").as("id"), col("_text").as("text")), "id");
    ctx.phase("lsh_candidates");
    Dataset<Row> verified = verify(candidates, reps, repTexts).localCheckpoint();
    ctx.phase("verify");
    ConnectedComponents.Result components = ConnectedComponents.compute(verified, settings.maxComponentIterations());
    ctx.phase("components");

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
    ctx.phase("clusters");

    // 4. Paragraph dedup over the survivors.
    Dataset<Row> survivors = decisions.filter(col("removed_by").isNull()).select("id")
        .join(valid.select(col("_id").as("id"), col("_text").as("text")), "id");
    ParagraphOutcome paragraphs = paragraphDedup(survivors);
    Dataset<Row> edited = paragraphs.edited();
    ctx.phase("paragraphs");

    Dataset<Row> finalDecisions = decisions.join(edited.select("id", "emptied"), "id", "left")
        .withColumn("removed_by", when(coalesce(col("emptied"), lit(false)), lit("paragraphs"))
            .otherwise(col("removed_by")))
        .withColumn("kept", col("removed_by").isNull())
        .select("id", "cluster_id", "representative_id", "similarity", "kept", "removed_by", "cluster_size");

    // 5. Write kept/ in the input schema, clusters/, report.json.
    Dataset<Row> kept = valid.join(edited.filter(col("emptied").equalTo(false))
            .select(col("id").as("_id"), col("new_text")), "_id")
        .withColumn("text", col("new_text")).withColumn("id", col("_id"));
    sortedById(kept, "_id").select(userCols).write().parquet(ctx.output().path("kept"));
    sortedById(finalDecisions, "id").write().parquet(ctx.output().path("clusters"));
    ctx.phase("write");

    StageResult result = result(input, finalDecisions, candidates, verified, components.rounds(), paragraphs);
    ctx.phase("report");
    return result;
  }

  /** Fixed number of files, rows hash-partitioned by id and sorted within each: independent of the input layout. */
  private Dataset<Row> sortedById(Dataset<Row> df, String idColumn) {
    return df.repartition(settings.outputFiles(), col(idColumn)).sortWithinPartitions(idColumn);
  }

  private Dataset<Row> sketch(Dataset<Row> valid, PartitionProgress progress) {
    DocumentSketcher sketcher = settings.sketcher();
    MapPartitionsFunction<Row, Row> fn = rows -> PartitionIterators.map(progress.wrap(rows), r -> {
      String id = r.getString(0);
      Double q = r.isNullAt(1) ? null : r.getDouble(1);
      String text = r.getString(2);
      DocumentSketcher.Sketch s = sketcher.sketch(text);
      long[] sig = s.signature();
      return RowFactory.create(id, q == null ? Double.POSITIVE_INFINITY : -q,
          -(long) text.codePointCount(0, text.length()), s.exactKey(), sig == null ? null : boxed(sig));
    });
    return valid.select("_id", "_q", "_text").mapPartitions(fn, Encoders.row(SKETCH));
  }

  /** LSH candidate pairs: per bucket, each member to the bucket minimum and to its predecessor in id order. */
  private Dataset<Row> candidatePairs(Dataset<Row> reps) {
    LshBands lsh = settings.lsh();
    MapPartitionsFunction<Row, Row> fn = rows -> PartitionIterators.flatMap(rows, (Row r) -> {
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
    MapPartitionsFunction<Row, Row> exactFn = rows -> PartitionIterators.flatMap(rows, (Row r) ->
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
      MapPartitionsFunction<Row, Row> keysFn = rows -> PartitionIterators.flatMap(rows, (Row r) -> {
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
    MapPartitionsFunction<Row, Row> editFn = rows -> PartitionIterators.map(rows, r -> {
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

  private StageResult result(Dataset<Row> input, Dataset<Row> decisions, Dataset<Row> candidates,
      Dataset<Row> verified, int rounds, ParagraphOutcome paragraphs) {
    long docsIn = input.count();
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
      histogram.merge(DedupSection.sizeBucket(r.getLong(0)), r.getLong(1), Long::sum);
    }
    return new StageResult(docsIn, docsOut, new DedupSection(removedBy.getOrDefault("exact", 0L),
        removedBy.getOrDefault("near", 0L), removedBy.getOrDefault("paragraphs", 0L), candidates.count(),
        verified.count(), rounds, paragraphs.boilerplate(), ((Number) p.get(0)).longValue(), p.getLong(1),
        clusters, histogram));
  }

  private static Long[] boxed(long[] a) {
    Long[] out = new Long[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }
}
