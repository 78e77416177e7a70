package io.corpusforge.jobs.vocab;

import static org.apache.spark.sql.functions.col;

import io.corpusforge.jobs.io.CorpusInput;
import io.corpusforge.jobs.io.InputFormat;
import io.corpusforge.jobs.io.ReadOptions;
import io.corpusforge.jobs.stage.PartitionProgress;
import io.corpusforge.jobs.stage.Rejects;
import io.corpusforge.jobs.stage.Stage;
import io.corpusforge.jobs.stage.StageContext;
import io.corpusforge.jobs.stage.StageException;
import io.corpusforge.jobs.stage.StageResult;
import io.corpusforge.jobs.stage.StageSpec;
import io.corpusforge.tokenization.bpe.BpeTokenizer;
import io.corpusforge.tokenization.bpe.BpeTrainer;
import io.corpusforge.tokenization.bpe.PreTokenizer;
import io.corpusforge.tokenization.segment.SmartcnSegmenter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * {@code bin/pipeline vocab}: Spark counts pre-tokens (reduceByKey) and smartcn words; the driver trains the BPE
 * merges, evaluates on held-out documents and writes the tokenizer files. See docs/vocab.md.
 */
public final class VocabJob implements Stage {
  private final List<String> inputs;
  private final VocabSettings settings;
  private final ReadOptions limits;

  /**
   * @param limits the reader's options ({@code vocab.input})
   */
  public VocabJob(List<String> inputs, VocabSettings settings, ReadOptions limits) {
    this.inputs = List.copyOf(inputs);
    this.settings = settings;
    this.limits = limits;
  }

  @Override
  public StageSpec spec() {
    return new StageSpec("vocab", inputs, List.of("tokenizer.json", "vocab.json", "merges.txt", "tokenizer.gguf",
        "words/", "rejected/", "report.json"), settings);
  }

  @Override
  public StageResult run(StageContext ctx) throws IOException {
    SparkSession spark = ctx.spark();
    Dataset<Row> docs = CorpusInput.read(spark, inputs, limits, InputFormat.BY_NAME)
        .select("_id", "_text", "_reject", "_reject_value", "_reject_detail", "_record")
        .persist(StorageLevel.MEMORY_AND_DISK());
    ctx.writeRejects(Rejects.of(docs.filter(col("_reject").isNotNull()), name(), col("_id"), col("_reject"),
        col("_reject_value"), col("_reject_detail"), col("_record")));
    long docsIn = docs.count();
    boolean nfc = settings.nfc();
    int perMille = settings.heldOutPerMille();
    // (id, prepared text) of every valid document
    JavaPairRDD<String, String> texts = docs.filter(col("_reject").isNull()).select("_id", "_text").javaRDD()
        .mapToPair(r -> new Tuple2<>(r.getString(0), TextPreparation.prepare(r.getString(1), nfc)));

    ctx.phase("read");
    JavaRDD<String> training = texts.filter(t -> !HeldOutSplit.isHeldOut(t._1(), perMille)).values();
    String preName = settings.preTokenizer();
    JavaPairRDD<String, Long> counts = training
        .flatMapToPair(text -> {
          List<Tuple2<String, Long>> pieces = new ArrayList<>();
          PreTokenizer.byName(preName).split(text, 0, text.length(),
              (s, e) -> pieces.add(new Tuple2<>(text.substring(s, e), 1L)));
          return pieces.iterator();
        })
        .reduceByKey(Long::sum)
        .persist(StorageLevel.MEMORY_AND_DISK());
    long distinct = counts.count();
    long occurrences = distinct == 0 ? 0 : counts.values().reduce(Long::sum);
    long minCount = settings.preTokenMinCount();
    JavaPairRDD<String, Long> frequent = counts.filter(t -> t._2() >= minCount);
    long frequentDistinct = minCount <= 1 ? distinct : frequent.count();
    List<Tuple2<String, Long>> kept;
    String pruning;
    if (frequentDistinct <= settings.preTokenMaxDistinct()) {
      kept = frequent.collect();
      pruning = minCount <= 1 ? "none" : "dropped pre-tokens seen < " + minCount + " times";
    } else {
      kept = frequent.takeOrdered(settings.preTokenMaxDistinct(), new PreTokenOrder());
      pruning = "kept the " + settings.preTokenMaxDistinct() + " most frequent of " + frequentDistinct
          + (minCount <= 1 ? "" : " seen >= " + minCount + " times") + "; ties sampled by text hash";
    }
    counts.unpersist(false);
    List<BpeTrainer.WordCount> words = new ArrayList<>(kept.size());
    long keptOccurrences = 0;
    for (Tuple2<String, Long> t : kept) {
      words.add(new BpeTrainer.WordCount(t._1(), t._2()));
      keptOccurrences += t._2();
    }
    long keptDistinct = kept.size();
    kept = null; // one copy of the pre-tokens on the driver during training
    ctx.phase("count_pre_tokens");

    BpeTrainer.Result trained = new BpeTrainer(settings.trainerConfig()).train(words);
    words = null; // the merge loop's input can be collected before evaluation
    TokenizerFiles.Vocabulary vocab = new TokenizerFiles.Vocabulary(trained.tokens(), trained.merges(),
        trained.specialTokens(), settings.preTokenizer());
    BpeTokenizer tokenizer = vocab.tokenizer();
    ctx.phase("train");

    JavaPairRDD<String, String> heldOutTexts = texts.filter(t -> HeldOutSplit.isHeldOut(t._1(), perMille));
    long heldOutDocs = heldOutTexts.count();
    List<String> heldOut = settings.heldOutMaxDocs() == 0 || heldOutDocs == 0 ? List.of()
        : heldOutTexts.sortByKey().values().take(settings.heldOutMaxDocs());
    HeldOutEvaluation evaluation = HeldOutEvaluation.of(tokenizer, heldOut);
    GoldSegmentationEvaluation gold = null;
    if (!settings.goldSegmentation().isEmpty()) {
      List<String> goldLines = readLines(spark, new Path(settings.goldSegmentation()));
      gold = GoldSegmentationEvaluation.of(settings.goldSegmentation(), tokenizer, goldLines, nfc);
    }

    ctx.phase("evaluate");
    for (Map.Entry<String, byte[]> f : TokenizerFiles.render(vocab, settings).entrySet()) {
      ctx.output().write(f.getKey(), f.getValue());
    }

    long distinctWords = 0;
    long segmentationFailures = 0;
    if (settings.wordsEnabled()) {
      // runs in the shuffle-map stage before reduceByKey, once per partition; a retried task may count twice
      LongAccumulator failures = spark.sparkContext().longAccumulator("vocab.word-failures");
      Dataset<Row> wordStats = wordStatistics(spark, texts.values(), failures, ctx.progress("words"));
      wordStats.write().parquet(ctx.output().path("words"));
      distinctWords = spark.read().parquet(ctx.output().path("words")).count();
      segmentationFailures = failures.value();
    }
    // exact counts from the data (an accumulator in a transformation can count a recomputed partition twice)
    long validDocs = docs.filter(col("_reject").isNull()).count();
    docs.unpersist(false);
    ctx.phase("write");
    return new StageResult(docsIn, validDocs, new VocabSection(validDocs - heldOutDocs, heldOutDocs,
        new VocabSection.PreTokenStats(occurrences, distinct, keptDistinct, keptOccurrences, pruning),
        tokenizer.vocabSize(), trained.merges().size(), trained.specialTokens(), settings.preTokenizer(),
        trained.stopReason(), evaluation, VocabSection.longestTokens(tokenizer, settings.longestTokens()),
        distinctWords, segmentationFailures, gold));
  }

  private static List<String> readLines(SparkSession spark, Path path) throws IOException {
    FileSystem own = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
    if (!own.exists(path)) {
      throw new StageException("vocab.eval.gold-segmentation: " + path + " does not exist");
    }
    try (java.io.InputStream in = own.open(path)) {
      return List.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\r?\n"));
    }
  }

  /** word, count, doc_freq of smartcn words; one segmenter per partition; a failing document is counted, skipped. */
  Dataset<Row> wordStatistics(SparkSession spark, JavaRDD<String> texts, LongAccumulator failures,
      PartitionProgress progress) {
    boolean keepPunctuation = settings.keepPunctuation();
    long minCount = settings.wordMinCount();
    JavaPairRDD<String, Tuple2<Long, Long>> perWord = texts
        .mapPartitionsToPair(it -> new WordCountIterator(progress.wrap(it), keepPunctuation, failures))
        .reduceByKey((a, b) -> new Tuple2<>(a._1() + b._1(), a._2() + b._2()))
        .filter(t -> t._2()._1() >= minCount);
    StructType schema = new StructType()
        .add("word", DataTypes.StringType, false)
        .add("count", DataTypes.LongType, false)
        .add("doc_freq", DataTypes.LongType, false);
    JavaRDD<Row> rows = perWord.map(t -> RowFactory.create(t._1(), t._2()._1(), t._2()._2()));
    return spark.createDataFrame(rows, schema).orderBy(col("count").desc(), col("word"));
  }

  /** Per document: each distinct word with (occurrences in the document, 1); lazily, document by document. */
  static final class WordCountIterator implements Iterator<Tuple2<String, Tuple2<Long, Long>>> {
    private final Iterator<String> docs;
    private final boolean keepPunctuation;
    private final LongAccumulator failures;
    private final SmartcnSegmenter segmenter = new SmartcnSegmenter();
    private Iterator<Map.Entry<String, Long>> current = Collections.emptyIterator();

    WordCountIterator(Iterator<String> docs, boolean keepPunctuation, LongAccumulator failures) {
      this.docs = docs;
      this.keepPunctuation = keepPunctuation;
      this.failures = failures;
    }

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && docs.hasNext()) {
        String text = docs.next();
        Map<String, Long> inDoc = new HashMap<>();
        try {
          for (String w : segmenter.words(text)) {
            if (keepPunctuation || SmartcnSegmenter.isLexical(w)) {
              inDoc.merge(w, 1L, Long::sum);
            }
          }
        } catch (RuntimeException e) {
          failures.add(1); // one bad document must not fail the job
          inDoc.clear();
        }
        current = inDoc.entrySet().iterator();
      }
      return current.hasNext();
    }

    @Override
    public Tuple2<String, Tuple2<Long, Long>> next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Map.Entry<String, Long> e = current.next();
      return new Tuple2<>(e.getKey(), new Tuple2<>(e.getValue(), 1L));
    }
  }
}
