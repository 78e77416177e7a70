package io.corpusforge.inference;

import io.corpusforge.inference.backend.Backend;
import io.corpusforge.inference.backend.KvBudget;
import io.corpusforge.inference.cpu.CpuBackend;
import io.corpusforge.inference.cpu.WorkerPool;
import io.corpusforge.inference.gguf.GgufException;
import io.corpusforge.inference.gguf.GgufFile;
import io.corpusforge.inference.model.ModelSpec;
import io.corpusforge.inference.model.ModelWeights;
import io.corpusforge.inference.sampling.ChatTemplate;
import io.corpusforge.inference.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The in-process engine: GGUF file, tokenizer, scheduler and the backend (CPU or a device) in this JVM. */
public final class LocalEngine implements Engine {
  /** Tokens per forward step (prompt chunks of all sequences plus one per decoding sequence), bounding activations. */
  static final int PREFILL_CHUNK = 512;

  private final Path path;
  private final GgufFile file;
  private final ModelSpec spec;
  private final Tokenizer tokenizer;
  private final Optional<ChatTemplate> chatTemplate;
  private final WorkerPool pool;
  private final Backend backend;
  private final Scheduler scheduler;
  private String sha256;

  private LocalEngine(Path path, GgufFile file, EngineOptions options) {
    this.path = path;
    this.file = file;
    this.spec = ModelSpec.from(file);
    this.tokenizer = Tokenizer.fromGguf(file);
    if (tokenizer.vocabSize() != spec.vocabSize()) {
      throw new GgufException(path + ": tokenizer has " + tokenizer.vocabSize() + " tokens but the model "
          + spec.vocabSize());
    }
    this.chatTemplate = ChatTemplate.detect(file, spec.architecture());
    int ctx = options.contextLength() == 0 ? spec.contextLength()
        : Math.min(options.contextLength(), spec.contextLength());
    this.pool = new WorkerPool(options.threads());
    try {
      long fullCache = options.maxBatch() * (long) ctx * CpuBackend.kvBytesPerPosition(spec, options.kvType());
      long kvBytes = KvBudget.resolve(options.kvCacheBytes(), fullCache, Runtime.getRuntime().maxMemory());
      this.backend = BackendSelector.create(ModelWeights.load(file, spec), options.maxBatch(), ctx, options.backend(),
          pool, options.kvType(), kvBytes);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    this.scheduler = new Scheduler(backend, tokenizer, PREFILL_CHUNK, options.prefixCache());
  }

  public static LocalEngine load(Path gguf, EngineOptions options) {
    GgufFile file = GgufFile.open(gguf);
    try {
      return new LocalEngine(gguf, file, options);
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
  }

  public ModelSpec spec() {
    return spec;
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public Backend backend() {
    return backend;
  }

  /** Prompt tokens of a request: chat template when asked, BOS when the model wants one. */
  public int[] promptTokens(GenerationRequest r) {
    String text = r.prompt();
    if (r.chat()) {
      ChatTemplate t = chatTemplate.orElseThrow(() -> new IllegalArgumentException(
          "the model has no chat template this engine knows (ChatML, Llama 3)"));
      return tokenizer.encodePrompt(t.apply(text), true);
    }
    return tokenizer.encodePrompt(text, false);
  }

  @Override
  public synchronized List<GenerationResult> generate(List<GenerationRequest> requests) {
    return run(requests, null);
  }

  /** One request, its text passed to {@code onText} piece by piece as it is generated. */
  public synchronized GenerationResult generate(GenerationRequest request, Consumer<String> onText) {
    return run(List.of(request), onText).get(0);
  }

  private List<GenerationResult> run(List<GenerationRequest> requests, Consumer<String> onText) {
    List<Scheduler.Sequence> seqs = new ArrayList<>(requests.size());
    for (GenerationRequest r : requests) {
      long start = System.nanoTime();
      int[] prompt;
      try {
        prompt = promptTokens(r);
      } catch (RuntimeException e) {
        prompt = null;
        Scheduler.Sequence failed = new Scheduler.Sequence(r, new int[0], 0, tokenizer, null, start);
        failed.result = GenerationResult.failed(r.id(), "cannot tokenize the prompt: " + e.getMessage(),
            System.nanoTime() - start);
        seqs.add(failed);
        continue;
      }
      if (prompt.length == 0) {
        Scheduler.Sequence failed = new Scheduler.Sequence(r, prompt, 0, tokenizer, null, start);
        failed.result = GenerationResult.failed(r.id(), "empty prompt (no tokens and no BOS)", 0);
        seqs.add(failed);
        continue;
      }
      if (prompt.length >= backend.contextLength()) {
        Scheduler.Sequence failed = new Scheduler.Sequence(r, new int[0], 0, tokenizer, null, start);
        failed.result = new GenerationResult(r.id(), "", GenerationResult.ERROR, prompt.length, 0, 0, 0,
            "prompt of " + prompt.length + " tokens does not fit the context length " + backend.contextLength());
        seqs.add(failed);
        continue;
      }
      seqs.add(new Scheduler.Sequence(r, prompt, backend.contextLength(), tokenizer, onText, start));
    }
    scheduler.run(seqs);
    return seqs.stream().map(s -> s.result).toList();
  }

  @Override
  public synchronized String modelSha256() {
    if (sha256 == null) {
      try (InputStream in = Files.newInputStream(path)) {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
        sha256 = HexFormat.of().formatHex(md.digest());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot hash " + path, e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return sha256;
  }

  @Override
  public int contextLength() {
    return backend.contextLength();
  }

  @Override
  public int countTokens(String text) {
    return tokenizer.encode(text, false).length;
  }

  @Override
  public synchronized void close() {
    backend.close();
    pool.close();
    file.close();
  }
}
