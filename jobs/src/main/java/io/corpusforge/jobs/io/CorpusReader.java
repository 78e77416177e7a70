package io.corpusforge.jobs.io;

import io.corpusforge.jobs.SparkRows;
import io.corpusforge.jobs.stage.PartitionIterators;
import io.corpusforge.jobs.stage.StageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the job's inputs — files and directories, on any Hadoop file system — into one DataFrame of raw records
 * ({@link #SCHEMA}). Only file names are listed on the driver; contents are read by the executors, one task per
 * group of files. Parquet goes through Spark's reader; every other file through {@link FileRecords}.
 */
public final class CorpusReader {
  public static final StructType SCHEMA = new StructType(new StructField[] {
      DataTypes.createStructField("id", DataTypes.StringType, true),
      DataTypes.createStructField("source", DataTypes.StringType, true),
      DataTypes.createStructField("text", DataTypes.StringType, true),
      DataTypes.createStructField("metadata",
          DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true), true),
      DataTypes.createStructField("input_error", DataTypes.StringType, true),
      DataTypes.createStructField("input_error_value", DataTypes.DoubleType, true),
      DataTypes.createStructField("input_error_detail", DataTypes.StringType, true)});

  private CorpusReader() {}

  /** A file to read and the name it is known by (its path relative to the input root). */
  record InputFile(String path, String name) implements Serializable {}

  public static Dataset<Row> read(SparkSession spark, List<String> inputs, InputSettings settings) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<InputFile> files = new ArrayList<>();
    List<String> parquet = new ArrayList<>();
    for (String input : inputs) {
      list(new Path(input), hadoop, files, parquet);
    }
    if (files.isEmpty() && parquet.isEmpty()) {
      throw new StageException("no input files found under " + inputs);
    }
    files.sort((a, b) -> a.path().compareTo(b.path()));
    parquet.sort(String::compareTo);
    Dataset<Row> result = null;
    if (!files.isEmpty()) {
      result = readFiles(spark, files, settings, hadoop);
    }
    if (!parquet.isEmpty()) {
      Dataset<Row> p = readParquet(spark, parquet, settings);
      result = result == null ? p : result.unionByName(p);
    }
    return result;
  }

  private static void list(Path root, Configuration hadoop, List<InputFile> files, List<String> parquet) {
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root)) {
        throw new StageException("input " + root + ": no such file or directory");
      }
      FileStatus status = fs.getFileStatus(root);
      if (status.isFile()) {
        add(status.getPath(), status.getPath().getName(), files, parquet);
        return;
      }
      String prefix = status.getPath().toString();
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
      while (it.hasNext()) {
        Path p = it.next().getPath();
        String relative = p.toString().substring(prefix.length()).replaceFirst("^/", "");
        if (!hidden(relative)) {
          add(p, relative, files, parquet);
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

  private static void add(Path p, String name, List<InputFile> files, List<String> parquet) {
    if (name.endsWith(".parquet")) {
      parquet.add(p.toString());
    } else {
      files.add(new InputFile(p.toString(), name));
    }
  }

  private static Dataset<Row> readFiles(SparkSession spark, List<InputFile> files, InputSettings settings,
      Configuration hadoop) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int slices = Math.max(1, Math.min(files.size(), jsc.defaultParallelism() * 4));
    Map<String, String> conf = new HashMap<>();
    hadoop.forEach(e -> conf.put(e.getKey(), e.getValue()));
    JavaRDD<Row> rows = jsc.parallelize(files, slices).flatMap(file -> readOne(file, settings, conf));
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Iterator<Row> readOne(InputFile file, InputSettings settings, Map<String, String> conf) {
    Configuration hadoop = new Configuration(false);
    conf.forEach(hadoop::set);
    Iterator<RawDoc> docs;
    try {
      Path path = new Path(file.path());
      InputStream in = path.getFileSystem(hadoop).open(path);
      docs = FileRecords.read(in, file.name(), settings);
    } catch (IOException | RuntimeException e) {
      docs = List.of(RawDoc.failed(file.name(), file.name(), "", "unreadable", 0, String.valueOf(e))).iterator();
    }
    return PartitionIterators.map(docs, d -> RowFactory.create(d.id(), d.source(), d.text(),
        SparkRows.map(d.metadata()), d.error(), d.error() == null ? null : d.errorValue(), d.errorDetail()));
  }

  /** Parquet with an id and a text column (names in config); every other column becomes string metadata. */
  private static Dataset<Row> readParquet(SparkSession spark, List<String> paths, InputSettings s) {
    Dataset<Row> df = spark.read().parquet(paths.toArray(String[]::new));
    List<String> columns = List.of(df.columns());
    for (String required : List.of(s.parquetIdColumn(), s.parquetTextColumn())) {
      if (!columns.contains(required)) {
        throw new StageException("Parquet input has no column '" + required + "' (columns: " + columns
            + "); set clean.input.parquet-id-column / parquet-text-column");
      }
    }
    List<Column> kv = new ArrayList<>();
    for (String c : columns) {
      if (!c.equals(s.parquetIdColumn()) && !c.equals(s.parquetTextColumn())) {
        kv.add(functions.lit(c));
        boolean simple = df.schema().apply(c).dataType() instanceof org.apache.spark.sql.types.AtomicType;
        kv.add(simple ? functions.col(c).cast("string") : functions.to_json(functions.col(c)));
      }
    }
    Column source = functions.input_file_name();
    Column meta = kv.isEmpty() ? functions.map() : functions.map(kv.toArray(Column[]::new));
    Column id = functions.col(s.parquetIdColumn()).cast("string");
    Column text = functions.col(s.parquetTextColumn()).cast("string");
    Column error = functions.when(id.isNull(), "missing-id").when(text.isNull(), "missing-text");
    return df.select(
        functions.coalesce(id, functions.concat(source, functions.lit("#"), functions.monotonically_increasing_id()
            .cast("string"))).as("id"),
        source.as("source"),
        functions.coalesce(text, functions.lit("")).as("text"),
        functions.map_concat(meta, functions.map(functions.lit("source"), source)).as("metadata"),
        error.as("input_error"),
        functions.when(error.isNotNull(), functions.lit(0.0)).cast("double").as("input_error_value"),
        functions.when(error.isNotNull(), functions.lit("null column")).as("input_error_detail"));
  }
}
