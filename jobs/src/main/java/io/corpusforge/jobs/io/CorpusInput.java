package io.corpusforge.jobs.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.corpusforge.jobs.SparkRows;
import io.corpusforge.jobs.stage.PartitionIterators;
import io.corpusforge.jobs.stage.StageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark side of the one reader: the inputs of a stage — files and directories, on any Hadoop file system — as
 * one DataFrame of {@link SourceRecord}s ({@link #SCHEMA}). Only file names are listed on the driver; contents are
 * read by the executors, one task per group of files, through {@link RecordReader} (the format handlers of
 * {@link FileRecords}); Parquet is read by Spark and each row goes through the same rules as a JSON object.
 */
public final class CorpusInput {
  /** The columns of a {@link SourceRecord}; a stage that keeps the user's columns gets them beside these. */
  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("_id", DataTypes.StringType, true),
      DataTypes.createStructField("_source", DataTypes.StringType, true),
      DataTypes.createStructField("_text", DataTypes.StringType, true),
      DataTypes.createStructField("_json", DataTypes.StringType, true),
      DataTypes.createStructField("_metadata",
          DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true),
      DataTypes.createStructField("_reject", DataTypes.StringType, true),
      DataTypes.createStructField("_reject_value", DataTypes.DoubleType, true),
      DataTypes.createStructField("_reject_detail", DataTypes.StringType, true),
      DataTypes.createStructField("_record", DataTypes.StringType, true)});
  public static final List<String> INTERNAL = Arrays.asList(SCHEMA.fieldNames());

  private CorpusInput() {}

  /** A file to read, the name it is known by (its path relative to the input root) and its size. */
  record InputFile(String path, String name, long bytes) implements Serializable {}

  /** Spark's file readers split no finer than this (spark.sql.files.openCostInBytes): one partition per 4 MB at most. */
  private static final long BYTES_PER_PARTITION = 4L << 20;

  /** Every record of the inputs, in {@link #SCHEMA}. */
  public static Dataset<Row> read(SparkSession spark, List<String> inputs, ReadOptions options, InputFormat format) {
    Listing listing = list(spark, inputs, format);
    RecordReader reader = new RecordReader(options);
    Dataset<Row> files = listing.files().isEmpty() ? null : readFiles(spark, listing.files(), reader, format);
    Dataset<Row> parquet = listing.parquet().isEmpty() ? null : parquetRecords(parquet(spark, listing), reader, false);
    return files == null ? parquet : parquet == null ? files : files.unionByName(parquet);
  }

  /**
   * Every record with the user's columns too (for a stage that writes its output in the input schema): Parquet's
   * own schema, JSON's inferred as Spark's JSON reader does. Neither holding one of the text fields is a wrong input.
   */
  public static Dataset<Row> readWithColumns(SparkSession spark, List<String> inputs, ReadOptions options) {
    Listing listing = list(spark, inputs, InputFormat.BY_NAME);
    RecordReader reader = new RecordReader(options);
    Dataset<Row> all = null;
    // Parquet first: its column order (e.g. the clean job's kept/) is the output's; JSON's inferred one is sorted
    if (!listing.parquet().isEmpty()) {
      Dataset<Row> rows = parquet(spark, listing);
      requireText(rows.schema(), options);
      all = parquetRecords(rows, reader, true);
    }
    if (!listing.files().isEmpty()) {
      Dataset<Row> records = readFiles(spark, listing.files(), reader, InputFormat.BY_NAME);
      // the files are read twice, once to infer the schema, as Spark's JSON reader does
      StructType schema = spark.read().json(records.select("_json").where(col("_json").isNotNull())
          .as(Encoders.STRING())).schema();
      Dataset<Row> f = withColumns(records, schema, options);
      all = all == null ? f : all.unionByName(f, true);
    }
    return all;
  }

  private static void requireText(StructType schema, ReadOptions options) {
    if (options.textFields().stream().noneMatch(f -> Arrays.asList(schema.fieldNames()).contains(f))) {
      throw new StageException("input has no '" + String.join("' or '", options.textFields()) + "' column (columns: "
          + String.join(", ", schema.fieldNames()) + ")");
    }
  }

  private static Dataset<Row> withColumns(Dataset<Row> records, StructType schema, ReadOptions options) {
    requireText(schema, options);
    List<Column> out = new ArrayList<>();
    for (String f : schema.fieldNames()) {
      out.add(col("_user.`" + f + "`").as(f));
    }
    INTERNAL.forEach(c -> out.add(col(c)));
    return records.withColumn("_user", from_json(col("_json"), schema)).select(out.toArray(Column[]::new));
  }

  /** The user's columns of a dataset returned by {@link #readWithColumns}. */
  public static Column[] userColumns(Dataset<Row> read) {
    return Arrays.stream(read.columns()).filter(c -> !INTERNAL.contains(c)).map(c -> col("`" + c + "`"))
        .toArray(Column[]::new);
  }

  public static boolean hasColumn(Dataset<Row> df, String name) {
    return Arrays.asList(df.columns()).contains(name);
  }

  /**
   * The format named ({@code jsonl}, {@code parquet}, {@code jd}) or, for {@code auto}, the one {@link InputFormat#detect}
   * finds at the start of the first data file (by name; READMEs and empty files are not data).
   */
  public static InputFormat format(SparkSession spark, List<String> inputs, String name) {
    if (!name.equalsIgnoreCase("auto")) {
      try {
        return InputFormat.parse(name);
      } catch (IllegalArgumentException e) {
        throw new StageException(e.getMessage());
      }
    }
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<InputFile> files = new ArrayList<>();
    List<String> none = new ArrayList<>();
    for (String input : inputs) {
      list(new Path(input), hadoop, InputFormat.JSONL, files, none);
    }
    InputFile first = files.stream().filter(f -> f.bytes() > 0 && !f.name().toLowerCase(Locale.ROOT).endsWith(".md"))
        .min(Comparator.comparing(InputFile::path))
        .orElseThrow(() -> new StageException("no input data files found under " + inputs));
    Path path = new Path(first.path());
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return InputFormat.detect(in.readNBytes(4096));
    } catch (IllegalArgumentException e) {
      throw new StageException(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** A row of {@link #SCHEMA} back as a record. */
  public static SourceRecord record(Row r) {
    return new SourceRecord(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
        r.isNullAt(4) ? null : r.getJavaMap(4), r.getString(5), r.isNullAt(6) ? null : r.getDouble(6),
        r.getString(7), r.getString(8));
  }

  private static Row row(SourceRecord d) {
    return RowFactory.create(d.id(), d.source(), d.text(), d.json(),
        d.metadata() == null ? null : SparkRows.map(d.metadata()), d.reject(), d.rejectValue(), d.rejectDetail(),
        d.record());
  }

  private record Listing(List<InputFile> files, List<String> parquet) {}

  private static Listing list(SparkSession spark, List<String> inputs, InputFormat format) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<InputFile> files = new ArrayList<>();
    List<String> parquet = new ArrayList<>();
    for (String input : inputs) {
      list(new Path(input), hadoop, format, files, parquet);
    }
    if (files.isEmpty() && parquet.isEmpty()) {
      throw new StageException("no input files found under " + inputs);
    }
    files.sort((a, b) -> a.path().compareTo(b.path()));
    parquet.sort(String::compareTo);
    return new Listing(files, parquet);
  }

  private static void list(Path root, Configuration hadoop, InputFormat format, List<InputFile> files,
      List<String> parquet) {
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root)) {
        throw new StageException("input " + root + ": no such file or directory");
      }
      FileStatus status = fs.getFileStatus(root);
      if (status.isFile()) {
        add(status.getPath(), status.getPath().getName(), status.getLen(), format, files, parquet);
        return;
      }
      String prefix = status.getPath().toString();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        LocatedFileStatus f = it.next();
        Path p = f.getPath();
        String relative = p.toString().substring(prefix.length()).replaceFirst("^/", "");
        if (!hidden(relative)) {
          add(p, relative, f.getLen(), format, files, parquet);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  // Hadoop/Spark conventions: _SUCCESS, .crc and dot-files are not data.
  private static boolean hidden(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith(".") || part.startsWith("_")) {
        return true;
      }
    }
    return false;
  }

  private static void add(Path p, String name, long bytes, InputFormat format, List<InputFile> files,
      List<String> parquet) {
    boolean isParquet = format == InputFormat.PARQUET || (format == InputFormat.BY_NAME && name.endsWith(".parquet"));
    if (isParquet) {
      parquet.add(p.toString());
    } else {
      files.add(new InputFile(p.toString(), name, bytes));
    }
  }

  private static Dataset<Row> readFiles(SparkSession spark, List<InputFile> files, RecordReader reader,
      InputFormat format) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
    Map<String, String> conf = new HashMap<>();
    spark.sparkContext().hadoopConfiguration().forEach(e -> conf.put(e.getKey(), e.getValue()));
    JavaRDD<Row> rows = jsc.parallelize(files, slices).flatMap(file -> readOne(file, reader, format, conf));
    Dataset<Row> records = spark.createDataFrame(rows, SCHEMA);
    // a file is read by one task: a few large files are spread over the cores after reading, as Spark's splits would
    long bytes = files.stream().mapToLong(InputFile::bytes).sum();
    int target = (int) Math.min(jsc.defaultParallelism(), bytes / BYTES_PER_PARTITION);
    return target > slices ? records.repartition(target) : records;
  }

  private static Iterator<Row> readOne(InputFile file, RecordReader reader, InputFormat format,
      Map<String, String> conf) {
    Configuration hadoop = new Configuration(false);
    conf.forEach(hadoop::set);
    Iterator<SourceRecord> records;
    try {
      Path path = new Path(file.path());
      InputStream in = path.getFileSystem(hadoop).open(path);
      records = reader.file(in, file.name(), format, partner(path, hadoop));
    } catch (IOException | RuntimeException e) {
      records = List.of(reader.rejected(file.name(), "", "unreadable", 0, String.valueOf(e))).iterator();
    }
    return PartitionIterators.map(records, CorpusInput::row);
  }

  /** The content of a JD kb file's description partner beside it, or null. */
  private static Supplier<String> partner(Path path, Configuration hadoop) {
    return () -> JdCorpus.sourcePartner(path.getName()).map(name -> {
      Path p = new Path(path.getParent(), name);
      try {
        FileSystem fs = p.getFileSystem(hadoop);
        if (!fs.exists(p)) {
          return null;
        }
        try (InputStream in = fs.open(p)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p, e);
      }
    }).orElse(null);
  }

  private static Dataset<Row> parquet(SparkSession spark, Listing listing) {
    return spark.read().parquet(listing.parquet().toArray(String[]::new));
  }

  /**
   * Each Parquet row as a JSON object through the reader's rules (its source: the file); with {@code keep}, the row's
   * own values come first, as they are (no JSON round trip for the user's columns).
   */
  private static Dataset<Row> parquetRecords(Dataset<Row> rows, RecordReader reader, boolean keep) {
    Column[] all = Arrays.stream(rows.columns()).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    int n = keep ? all.length : 0;
    List<Column> select = new ArrayList<>(keep ? Arrays.asList(all) : List.of());
    select.add(to_json(struct(all)));
    select.add(input_file_name());
    StructType schema = SCHEMA;
    if (keep) {
      schema = rows.schema();
      for (StructField f : SCHEMA.fields()) {
        schema = schema.add(f);
      }
    }
    return rows.select(select.toArray(Column[]::new)).mapPartitions(
        (MapPartitionsFunction<Row, Row>) it -> PartitionIterators.map(it, r -> {
          Row record = row(reader.row(r.getString(n), r.getString(n + 1)));
          Object[] values = new Object[n + record.size()];
          for (int i = 0; i < n; i++) {
            values[i] = r.get(i);
          }
          for (int i = 0; i < record.size(); i++) {
            values[n + i] = record.get(i);
          }
          return RowFactory.create(values);
        }), Encoders.row(schema));
  }
}
