package io.corpusforge.jobs;

import java.util.Map;

/** Conversions for building Spark {@code Row}s from Java values. */
public final class SparkRows {
  private SparkRows() {}

  /** Spark's row encoder takes Scala maps for MAP columns, not {@code java.util.Map}. */
  public static <K, V> scala.collection.Map<K, V> map(Map<K, V> javaMap) {
    return scala.jdk.javaapi.CollectionConverters.asScala(javaMap);
  }
}
