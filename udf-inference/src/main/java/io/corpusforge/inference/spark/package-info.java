/**
 * The engine inside users' own Spark code: the one package of udf-inference that knows Spark (Spark is
 * {@code provided}). {@link io.corpusforge.inference.spark.EngineService} keeps one engine per (model, options) per
 * executor JVM, fed by every task of the executor; {@link io.corpusforge.inference.spark.LlmTransformer} is the ML
 * pipeline stage; {@link io.corpusforge.inference.spark.LlmGenerate} and
 * {@link io.corpusforge.inference.spark.LlmGenerateStruct} are the SQL functions, registered with optional arguments
 * by {@link io.corpusforge.inference.spark.LlmFunctions#register}. See docs/spark-api.md.
 */
package io.corpusforge.inference.spark;
