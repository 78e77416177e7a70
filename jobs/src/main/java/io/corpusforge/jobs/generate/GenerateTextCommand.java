package io.corpusforge.jobs.generate;

import com.typesafe.config.Config;
import io.corpusforge.cli.CliArgs;
import io.corpusforge.cli.Command;
import io.corpusforge.cli.CommonOptions;
import io.corpusforge.cli.PipelineConfig;
import io.corpusforge.inference.EngineOptions;
import io.corpusforge.inference.GenerationRequest;
import io.corpusforge.inference.GenerationResult;
import io.corpusforge.inference.LocalEngine;
import io.corpusforge.inference.SamplingParams;
import io.corpusforge.inference.backend.BackendChoice;
import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.gguf.GgufException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** {@code bin/pipeline generate-text}: one prompt through the engine, tokens streamed to the console. No Spark. */
public final class GenerateTextCommand implements Command {
  @Override
  public String name() {
    return "generate-text";
  }

  @Override
  public String summary() {
    return "continue one prompt with a GGUF model (Qwen2/Qwen3/Llama), streaming to the console";
  }

  @Override
  public String help() {
    return """
        usage: bin/pipeline generate-text --model M.gguf --prompt TEXT [options]

        Loads a GGUF model on the CPU engine and streams the continuation of TEXT to stdout; a summary line
        (tokens, speed, finish reason) goes to stderr. Defaults come from engine.generate-text in conf/engine.conf.

          --model FILE         GGUF model (llama, qwen2, qwen3; F32/F16/BF16/Q8_0/Q4_0/Q4_1/Q5_0/Q5_1/Q4_K/Q5_K/Q6_K)
          --prompt TEXT        the prompt
          --chat               wrap the prompt as a user message in the model's chat template (ChatML, Llama 3)
          --max-tokens N       most tokens to generate
          --temperature T      0 = greedy
          --top-k K            --top-p P   --min-p P   sampling filters (0 / 1 / 0 = off)
          --repeat-penalty R   --presence-penalty P
          --stop TEXT...       stop strings (not printed)
          --seed S             sampling seed: the same seed and options give the same text
          --threads N          engine threads (0 = all processors)
          --ctx N              context length (0 = the model's)
        """ + CommonOptions.HELP;
  }

  /** Engine options from the {@code engine} config section. */
  public static EngineOptions engineOptions(Config c) {
    return new EngineOptions(c.getInt("engine.threads"), c.getInt("engine.max-batch"),
        c.getInt("engine.context-length"), true, backendChoice(c.getConfig("engine")),
        c.getBytes("engine.kv-cache-bytes"), KvType.parse(c.getString("engine.kv-cache-type")));
  }

  /** {@code backend}, {@code device} and {@code device-memory} of an engine config section. */
  public static BackendChoice backendChoice(Config engine) {
    return BackendChoice.of(engine.getString("backend"), engine.getString("device"),
        engine.getBytes("device-memory"));
  }

  @Override
  public int run(List<String> argList) {
    CliArgs args = CliArgs.parse(argList, CommonOptions.with("model", "prompt", "chat", "max-tokens", "temperature",
        "top-k", "top-p", "min-p", "repeat-penalty", "presence-penalty", "stop", "seed", "threads", "ctx"));
    Config conf = PipelineConfig.load(args);
    Config d = conf.getConfig("engine.generate-text");
    Path model = Path.of(args.required("model"));
    String prompt = args.required("prompt");
    SamplingParams params;
    try {
      params = new SamplingParams(args.doubleValue("temperature", d.getDouble("temperature")),
          args.intValue("top-k", d.getInt("top-k")), args.doubleValue("top-p", d.getDouble("top-p")),
          args.doubleValue("min-p", d.getDouble("min-p")),
          args.doubleValue("repeat-penalty", d.getDouble("repetition-penalty")),
          args.doubleValue("presence-penalty", d.getDouble("presence-penalty")),
          args.intValue("max-tokens", d.getInt("max-tokens")), args.all("stop"));
    } catch (IllegalArgumentException e) {
      throw new CliArgs.UsageException(e.getMessage());
    }
    long seed = args.optional("seed").map(s -> {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new CliArgs.UsageException("--seed expects an integer, got '" + s + "'");
      }
    }).orElse(d.getLong("seed"));
    EngineOptions defaults = engineOptions(conf);
    EngineOptions options = new EngineOptions(args.intValue("threads", defaults.threads()), 1,
        args.intValue("ctx", defaults.contextLength()), true, defaults.backend(), defaults.kvCacheBytes(),
        defaults.kvType());
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = System.err;
    LocalEngine engine;
    try {
      engine = LocalEngine.load(model, options);
    } catch (GgufException e) {
      err.println("generate-text: cannot load model: " + e.getMessage());
      return 1;
    }
    try (engine) {
      GenerationRequest request = new GenerationRequest("cli", prompt, args.has("chat"), params, seed);
      GenerationResult r = engine.generate(request, piece -> {
        out.print(piece);
        out.flush();
      });
      out.println();
      if (r.finishReason().equals(GenerationResult.ERROR)) {
        err.println("generate-text: " + r.error());
        return 1;
      }
      double seconds = r.latencyNanos() / 1e9;
      err.printf("[%d prompt tokens, %d generated in %.2f s (%.1f tok/s), finish: %s]%n", r.promptTokens(),
          r.generatedTokens(), seconds, r.generatedTokens() / Math.max(seconds, 1e-9), r.finishReason());
      return 0;
    }
  }
}
