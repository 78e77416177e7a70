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
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The in-process engine: GGUF file, tokenizer, scheduler and the backend (CPU or a device) in this JVM.
 *
 * <p>Requests go into one queue; a single engine thread runs the scheduler over it, so requests of concurrent
 * callers (the tasks of a Spark executor) are admitted into the same forward steps as slots free up (continuous
 * batching across calls), and each caller gets its results as futures. Prompts are tokenized on the caller's thread.
 */
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
  private final boolean batchAcrossCalls;
  /** Submitted calls, each a list of sequences; {@link #CLOSE} wakes the engine thread to stop. */
  private final LinkedBlockingQueue<List<Scheduler.Sequence>> queue = new LinkedBlockingQueue<>();
  private static final List<Scheduler.Sequence> CLOSE = List.of();
  private static final long IDLE_WAIT_MS = 200;
  private final Thread loop;
  private volatile boolean closed;
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
    this.batchAcrossCalls = options.batchAcrossCalls();
    this.loop = Thread.ofPlatform().daemon().name("corpusforge-engine-" + path.getFileName()).unstarted(this::serve);
    loop.start();
  }

  private void serve() {
    try {
      scheduler.serve(new Scheduler.Inbox() {
        @Override
        public boolean next(Deque<Scheduler.Sequence> waiting, boolean idle) throws InterruptedException {
          return take(waiting, idle);
        }

        @Override
        public boolean closed() {
          return closed;
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      failQueued("engine closed");
    }
  }

  /**
   * Moves submitted calls into the scheduler's waiting line: all of them when calls share steps; otherwise the next
   * call only once the scheduler is idle (one call at a time). Waits a little while idle and nothing is submitted
   * (bounded, so a close whose marker a late submitter's clean-up took still ends the thread).
   */
  private boolean take(Deque<Scheduler.Sequence> waiting, boolean idle) throws InterruptedException {
    if (!idle && !batchAcrossCalls) {
      return true;
    }
    List<Scheduler.Sequence> call = idle ? queue.poll(IDLE_WAIT_MS, TimeUnit.MILLISECONDS) : queue.poll();
    if (call == null) {
      return !closed;
    }
    while (call != null) {
      if (call == CLOSE) {
        return false;
      }
      for (Scheduler.Sequence s : call) {
        if (s.result == null) {
          waiting.add(s);
        }
      }
      call = batchAcrossCalls ? queue.poll() : null;
    }
    return true;
  }

  private void failQueued(String why) {
    for (List<Scheduler.Sequence> call; (call = queue.poll()) != null; ) {
      for (Scheduler.Sequence s : call) {
        if (s.result == null) {
          s.complete(GenerationResult.failed(s.request.id(), why, System.nanoTime() - s.startNanos));
        }
      }
    }
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
  public List<GenerationResult> generate(List<GenerationRequest> requests) {
    return join(submit(requests, Thread.currentThread().getName(), null));
  }

  /** One request, its text passed to {@code onText} piece by piece as it is generated (on the engine thread). */
  public GenerationResult generate(GenerationRequest request, Consumer<String> onText) {
    return join(submit(List.of(request), Thread.currentThread().getName(), onText)).get(0);
  }

  @Override
  public List<CompletableFuture<GenerationResult>> submit(List<GenerationRequest> requests, String source) {
    return submit(requests, source, null);
  }

  @Override
  public StepStatistics stepStatistics() {
    return scheduler.statistics();
  }

  private static List<GenerationResult> join(List<CompletableFuture<GenerationResult>> futures) {
    List<GenerationResult> results = new ArrayList<>(futures.size());
    for (CompletableFuture<GenerationResult> f : futures) {
      results.add(f.join());
    }
    return results;
  }

  private List<CompletableFuture<GenerationResult>> submit(List<GenerationRequest> requests, String source,
      Consumer<String> onText) {
    List<Scheduler.Sequence> seqs = new ArrayList<>(requests.size());
    List<CompletableFuture<GenerationResult>> futures = new ArrayList<>(requests.size());
    for (GenerationRequest r : requests) {
      Scheduler.Sequence s = sequence(r, onText);
      s.source = source == null ? "" : source;
      s.done = new CompletableFuture<>();
      if (s.result != null) {
        s.done.complete(s.result);
      }
      seqs.add(s);
      futures.add(s.done);
    }
    queue.add(seqs);
    if (closed) {
      failQueued("engine closed");
    }
    return futures;
  }

  /** A request's sequence, or one with an error result already when its prompt cannot be run. */
  private Scheduler.Sequence sequence(GenerationRequest r, Consumer<String> onText) {
    long start = System.nanoTime();
    int[] prompt;
    try {
      prompt = promptTokens(r);
    } catch (RuntimeException e) {
      Scheduler.Sequence failed = new Scheduler.Sequence(r, new int[0], 0, tokenizer, null, start);
      failed.result = GenerationResult.failed(r.id(), "cannot tokenize the prompt: " + e.getMessage(),
          System.nanoTime() - start);
      return failed;
    }
    if (prompt.length == 0) {
      Scheduler.Sequence failed = new Scheduler.Sequence(r, prompt, 0, tokenizer, null, start);
      failed.result = GenerationResult.failed(r.id(), "empty prompt (no tokens and no BOS)", 0);
      return failed;
    }
    if (prompt.length >= backend.contextLength()) {
      Scheduler.Sequence failed = new Scheduler.Sequence(r, new int[0], 0, tokenizer, null, start);
      failed.result = new GenerationResult(r.id(), "", GenerationResult.ERROR, prompt.length, 0, 0, 0,
          "prompt of " + prompt.length + " tokens does not fit the context length " + backend.contextLength());
      return failed;
    }
    return new Scheduler.Sequence(r, prompt, backend.contextLength(), tokenizer, onText, start);
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

  /**
   * Stops the engine thread after its current forward step (requests still running or queued end with an
   * "engine closed" error), then frees the model.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(CLOSE);
    try {
      loop.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failQueued("engine closed");
    backend.close();
    pool.close();
    file.close();
  }
}
