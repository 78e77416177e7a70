package io.corpusforge.jobs.generate;

import io.corpusforge.cli.CliArgs;
import io.corpusforge.cli.Command;
import io.corpusforge.cli.CommonOptions;
import io.corpusforge.cli.StageLauncher;
import io.corpusforge.jobs.generate.run.PartitionGenerator;
import io.corpusforge.jobs.generate.spark.GenerateJob;
import java.util.List;

/** {@code bin/pipeline generate}: product copy or summaries with the LLM engine (or TextRank), to Parquet. */
public final class GenerateCommand implements Command {
  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "product copy and summaries with a GGUF model (or extractive summaries) over Spark partitions";
  }

  @Override
  public String help() {
    return """
        usage: bin/pipeline generate --task product-copy|summary --input PATH... --output DIR
                                     [--model M.gguf] [--method llm|extractive] [--resume] [options]

        Generates a title, selling points and a live-stream script per product (copy types and prompt templates
        in conf/generate.conf and conf/prompts/), or a summary per document, and writes one Parquet row per text
        to DIR/data/, with DIR/report.json and DIR/rejected/ (the error rows, the schema of every stage:
        docs/stages.md). See docs/generate.md.

          --task NAME          product-copy | summary
          --input PATH...      JSON Lines, Parquet or JD corpus files or directories (local or any Hadoop FS)
          --input-format F     auto (default) | jsonl | parquet | jd
          --output DIR         output directory
          --model PATH         GGUF model, local or any Hadoop FS path (copied to each executor once)
          --method M           llm (default) | extractive (TextRank, summaries only, no model)
          --resume             keep DIR's rows and generate only those missing for this model/template/params
          --overwrite          replace DIR (only once the new output is complete)
          --limit N            only the first N input rows
        """ + CommonOptions.HELP;
  }

  @Override
  public int run(List<String> rawArgs) {
    CliArgs args = CliArgs.parse(rawArgs, CommonOptions.with("task", "input", "input-format", "output", "model",
        "method", "resume", "overwrite", "limit"));
    return StageLauncher.launch(args, config -> new GenerateJob(new GenerateJob.Request(
        GenerateSettings.Task.parse(args.required("task")),
        PartitionGenerator.Method.parse(args.optional("method").orElse("llm")), args.requiredList("input"),
        args.optional("input-format").orElse(config.getString("generate.input.format")), args.required("output"),
        args.optional("model"), args.has("resume"), args.intValue("limit", 0)), config));
  }
}
