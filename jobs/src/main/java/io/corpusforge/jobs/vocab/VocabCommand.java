package io.corpusforge.jobs.vocab;

import io.corpusforge.cli.CliArgs;
import io.corpusforge.cli.Command;
import io.corpusforge.cli.CommonOptions;
import io.corpusforge.cli.StageLauncher;
import io.corpusforge.jobs.io.ReadOptions;
import java.util.List;

/** {@code bin/pipeline vocab}: smartcn word statistics and a byte-level BPE tokenizer trained on a corpus. */
public final class VocabCommand implements Command {
  @Override
  public String name() {
    return "vocab";
  }

  @Override
  public String summary() {
    return "train a byte-level BPE tokenizer (Qwen2 style) and smartcn word statistics";
  }

  @Override
  public String help() {
    return """
        usage: bin/pipeline vocab --input DIR [DIR...] --output DIR [--vocab-size N] [options]

        Trains a byte-level BPE vocabulary (GPT-2 byte alphabet, Qwen2 pre-tokenization regex, NFC text) on the
        corpus: pre-tokens are counted in Spark, the exact merge loop runs on the driver. Documents whose id hashes
        into vocab.held-out.per-mille are held out of training and used for the report. Also counts smartcn words.

        Input: Parquet or JSON Lines with a string 'text' and an 'id' column (e.g. the clean job's kept/).
        Output under --output: tokenizer.json (Hugging Face), vocab.json + merges.txt, tokenizer.gguf (GGUF
        tokenizer.ggml.* metadata, model gpt2), words/ (Parquet: word, count, doc_freq), rejected/ (bad
        input rows, the schema of every stage: docs/stages.md), report.json.

        options:
          --input PATH...      Parquet/JSONL files or directories (several are unioned by column name)
          --output DIR         output directory; must not exist unless --overwrite
          --vocab-size N       total vocabulary size (overrides vocab.vocab-size)
          --overwrite          replace --output if it exists
        """ + CommonOptions.HELP + """

        config keys (conf/vocab.conf): vocab.vocab-size, min-frequency, max-token-bytes, special-tokens,
        pre-tokenizer, normalization, held-out.{per-mille,max-docs}, pre-tokens.{min-count,max-distinct},
        words.{enabled,keep-punctuation,min-count}, gguf.{bos-token,eos-token,padding-token,add-bos},
        report.longest-tokens
        example: bin/pipeline vocab --input out/clean/kept --output out/vocab --vocab-size 16000
        """;
  }

  @Override
  public int run(List<String> args) {
    CliArgs cli = CliArgs.parse(args, CommonOptions.with("input", "output", "vocab-size", "overwrite"));
    return StageLauncher.launch(cli, config -> {
      VocabSettings settings = VocabSettings.from(config);
      if (cli.has("vocab-size")) {
        settings = settings.withVocabSize(cli.intValue("vocab-size", settings.vocabSize()));
      }
      return new VocabJob(cli.requiredList("input"), settings, ReadOptions.of(config, "vocab.input"));
    });
  }
}
