package io.corpusforge.jobs.sql;

import io.corpusforge.cli.CliArgs;
import io.corpusforge.cli.Command;
import io.corpusforge.inference.spark.LlmFunctions;
import io.corpusforge.inference.spark.LlmSettings;
import io.corpusforge.jobs.SparkSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bin/pipeline sql}: Spark SQL with the project's functions registered ({@code llm_generate},
 * {@code llm_generate_struct}; docs/spark-api.md), like {@code spark-sql}: every statement runs in order, the last
 * one's result is printed or written as Parquet.
 */
public final class SqlCommand implements Command {
  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String summary() {
    return "Spark SQL with llm_generate()/llm_generate_struct() registered; prints the result or writes Parquet";
  }

  @Override
  public String help() {
    return """
        usage: bin/pipeline sql (--query "SQL" | --file q.sql) [--model M.gguf] [--output DIR] [options]

        Runs Spark SQL statements (separated by ;) with the project's functions registered:
          llm_generate(prompt [, max_new_tokens [, temperature [, seed]]])         -> text (NULL if the row failed)
          llm_generate_struct(prompt [, max_new_tokens [, temperature [, seed]]])  -> struct<text, finish_reason,
                                                  prompt_tokens, generated_tokens, error>
        Files are read in SQL: SELECT ... FROM parquet.`/data/x`, json.`/data/x.jsonl`. The last statement's result
        is printed, or written to DIR as Parquet with --output. See docs/spark-api.md.

          --query SQL          the statements
          --file PATH          read the statements from a file
          --model PATH         GGUF model of the functions (spark.corpusforge.llm.model)
          --llm KEY=VALUE      a setting of conf/spark-llm.properties, e.g. --llm max-new-tokens=64 (repeatable)
          --output DIR         write the result as Parquet to DIR (must not exist)
          --show N             rows printed without --output (default 20)
          --master URL         Spark master (default local[*]; under spark-submit, spark-submit's)
        """;
  }

  @Override
  public int run(List<String> rawArgs) {
    CliArgs args = CliArgs.parse(rawArgs, Set.of("query", "file", "model", "llm", "output", "show", "master"));
    if (args.has("query") == args.has("file")) {
      throw new CliArgs.UsageException("give exactly one of --query and --file");
    }
    String script = args.has("query") ? args.required("query") : read(args.required("file"));
    List<String> statements = SqlStatements.split(script);
    if (statements.isEmpty()) {
      throw new CliArgs.UsageException("no SQL statement given");
    }
    LlmSettings settings = LlmSettings.defaults();
    if (args.has("model")) {
      Path model = Path.of(args.required("model")).toAbsolutePath();
      if (!Files.isRegularFile(model)) {
        throw new CliArgs.UsageException("model file not found: " + model);
      }
      settings = settings.with("model", model.toString());
    }
    for (String kv : args.all("llm")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new CliArgs.UsageException("--llm expects KEY=VALUE, got '" + kv + "'");
      }
      try {
        settings = settings.with(kv.substring(0, eq).trim(), kv.substring(eq + 1));
      } catch (IllegalArgumentException e) {
        throw new CliArgs.UsageException(e.getMessage());
      }
    }
    int show = args.intValue("show", 20);
    SparkSession spark = SparkSessions.getOrCreate("corpusforge-sql", args.optional("master"));
    settings.asMap().forEach((k, v) -> spark.conf().set(LlmSettings.PREFIX + k, v));
    LlmFunctions.register(spark);
    Dataset<Row> result = null;
    for (String statement : statements) {
      result = spark.sql(statement);
    }
    if (args.has("output")) {
      String out = args.required("output");
      result.write().parquet(out);
      long rows = spark.read().parquet(out).count();
      System.out.printf("sql: wrote %d rows to %s%n", rows, out);
    } else {
      result.show(show, false);
    }
    return 0;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
