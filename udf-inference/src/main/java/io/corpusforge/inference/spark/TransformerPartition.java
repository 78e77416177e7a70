package io.corpusforge.inference.spark;

import io.corpusforge.inference.Engine;
import io.corpusforge.inference.GenerationResult;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One task of {@link LlmTransformer}: streams the partition through the executor's engine, keeping
 * {@code rows-in-flight} rows queued there (so the engine always has this task's next rows to batch with other
 * tasks'), and yields the rows in input order with the five result columns appended.
 */
final class TransformerPartition implements MapPartitionsFunction<Row, Row> {
  private final LlmSettings settings;
  private final String model;
  private final PromptSource prompts;
  private final int seedColumn;
  private final long seed;
  private final int maxNewTokens;
  private final double temperature;
  private final List<String> stop;
  private final boolean chat;

  TransformerPartition(LlmSettings settings, String model, PromptSource prompts, int seedColumn, long seed,
      int maxNewTokens, double temperature, List<String> stop, boolean chat) {
    this.settings = settings;
    this.model = model;
    this.prompts = prompts;
    this.seedColumn = seedColumn;
    this.seed = seed;
    this.maxNewTokens = maxNewTokens;
    this.temperature = temperature;
    this.stop = List.copyOf(stop);
    this.chat = chat;
  }

  private record Pending(Row row, CompletableFuture<GenerationResult> result) {}

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    Engine engine = LlmCalls.engine(settings, model);
    int window = settings.rowsInFlight();
    ArrayDeque<Pending> pending = new ArrayDeque<>();
    return new Iterator<>() {
      private void fill() {
        while (pending.size() < window && rows.hasNext()) {
          Row row = rows.next();
          Object rowSeed = seedColumn < 0 || row.isNullAt(seedColumn) ? seed : row.get(seedColumn);
          LlmCalls.RowCall call = new LlmCalls.RowCall(prompts.prompt(row), maxNewTokens, temperature, rowSeed);
          pending.add(new Pending(row, LlmCalls.submit(engine, settings, "row", call, chat, stop)));
        }
      }

      @Override
      public boolean hasNext() {
        fill();
        return !pending.isEmpty();
      }

      @Override
      public Row next() {
        fill();
        Pending p = pending.poll();
        if (p == null) {
          throw new NoSuchElementException();
        }
        Object[] result = LlmResults.values(LlmCalls.await(p.result(), "row"));
        Object[] values = new Object[p.row().length() + result.length];
        for (int i = 0; i < p.row().length(); i++) {
          values[i] = p.row().get(i);
        }
        System.arraycopy(result, 0, values, p.row().length(), result.length);
        return RowFactory.create(values);
      }
    };
  }
}
