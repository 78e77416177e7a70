package io.corpusforge.inference;

import io.corpusforge.inference.backend.Backend;
import io.corpusforge.inference.backend.KvCacheFullException;
import io.corpusforge.inference.backend.SequenceStep;
import io.corpusforge.inference.backend.StepResult;
import io.corpusforge.inference.sampling.Sampler;
import io.corpusforge.inference.tokenizer.TextDecoder;
import io.corpusforge.inference.tokenizer.Tokenizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Continuous batching: up to {@code backend.slots()} sequences advance together; each step carries a prompt chunk
 * for newly admitted sequences and one token for the others, and a finished sequence's slot goes to the next waiting
 * request at once. Kernels never see requests; the sampler never sees the batch.
 *
 * <p>Prefix caching: a slot's keys and values outlive its sequence, so a newly admitted prompt starts after the
 * longest prefix it shares with what any slot holds (copied over when that is another slot). Bulk generation repeats
 * one template with few-shot examples for thousands of rows, so most prompt tokens are never computed again. The
 * results do not change: a position's keys and values depend only on the tokens up to it, and the kernels give the
 * same bits whatever the batch.
 *
 * <p>KV memory: a sequence reserves its slot's keys and values for prompt + max new tokens when it is admitted, so a
 * running sequence never runs out. One that does not fit waits for running ones to end (idle slots give their cached
 * prefixes back first); with nothing running it can never fit, and ends at once with the budget's error.
 */
final class Scheduler {
  /** Shared prompt tokens worth waiting a step or two for rather than computing them again. */
  private static final int MIN_SHARED_TO_WAIT = 16;

  private final Backend backend;
  private final Tokenizer tokenizer;
  private final int prefillChunk;
  private final boolean reusePrefixes;
  /** Per slot: the tokens whose keys and values it holds, at positions {@code [0, slotValid[slot])}. */
  private final int[][] slotTokens;
  private final int[] slotValid;
  private final StepStatistics statistics = new StepStatistics();

  Scheduler(Backend backend, Tokenizer tokenizer, int prefillChunk, boolean reusePrefixes) {
    this.backend = backend;
    this.tokenizer = tokenizer;
    this.prefillChunk = prefillChunk;
    this.reusePrefixes = reusePrefixes;
    this.slotTokens = new int[backend.slots()][];
    this.slotValid = new int[backend.slots()];
  }

  /** A request with its prompt tokens, and what has happened to it so far. */
  static final class Sequence {
    final GenerationRequest request;
    final int[] history;
    final int promptLength;
    final Sampler sampler;
    final TextDecoder decoder;
    final Consumer<String> onText;
    final long startNanos;
    /** Who submitted it (a Spark task, a thread): step statistics show which submitters shared a step. */
    String source = "";
    /** Completed with the result when the sequence finishes; null when nobody waits on it. */
    java.util.concurrent.CompletableFuture<GenerationResult> done;
    int length;
    int fed;
    int cached;
    int slot = -1;
    int generated;
    int emitted;
    String text = "";
    GenerationResult result;

    Sequence(GenerationRequest request, int[] prompt, int contextLength, Tokenizer tokenizer,
        Consumer<String> onText, long startNanos) {
      this.request = request;
      this.history = new int[contextLength];
      System.arraycopy(prompt, 0, history, 0, prompt.length);
      this.promptLength = prompt.length;
      this.length = prompt.length;
      this.sampler = new Sampler(request.params(), request.seed());
      this.decoder = new TextDecoder(tokenizer);
      this.onText = onText;
      this.startNanos = startNanos;
    }

    void finish(String reason, String error) {
      text += decoder.finish();
      if (error == null) {
        emit(text.length());
      }
      complete(new GenerationResult(request.id(), text, reason, promptLength, cached, generated,
          System.nanoTime() - startNanos, error));
    }

    /** Sets the result and hands it to whoever waits for it. */
    void complete(GenerationResult r) {
      result = r;
      if (done != null) {
        done.complete(r);
      }
    }

    void emit(int upTo) {
      if (onText != null && upTo > emitted) {
        onText.accept(text.substring(emitted, upTo));
      }
      emitted = Math.max(emitted, upTo);
    }
  }

  /**
   * Where sequences come from while the scheduler runs: {@link #next} moves newly submitted sequences into
   * {@code waiting} between forward steps. {@code idle} says that nothing is waiting or running, so the inbox may
   * block until something arrives; it returns false when no more sequences will come (the scheduler then stops
   * once it is idle).
   */
  interface Inbox {
    boolean next(Deque<Sequence> waiting, boolean idle) throws InterruptedException;

    /** True once the engine closes: what is running or waiting ends with an error at once. */
    default boolean closed() {
      return false;
    }
  }

  /** Runs {@code sequences} to completion (those with a result already are skipped). */
  void run(List<Sequence> sequences) {
    List<Sequence> once = new ArrayList<>(sequences);
    try {
      serve((waiting, idle) -> {
        for (Sequence s : once) {
          if (s.result == null) {
            waiting.add(s);
          }
        }
        once.clear();
        return !idle;
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Continuous batching over whatever the inbox delivers, until it says no more will come and nothing is left.
   * Sequences from different submitters (Spark tasks) share forward steps. An unexpected failure (not the
   * backend's, which ends only the sequences of that step) ends the sequences in flight with an error result and
   * the scheduler goes on with the next ones.
   */
  void serve(Inbox inbox) throws InterruptedException {
    Deque<Sequence> waiting = new ArrayDeque<>();
    Deque<Integer> freeSlots = new ArrayDeque<>();
    for (int i = 0; i < backend.slots(); i++) {
      freeSlots.add(i);
    }
    List<Sequence> active = new ArrayList<>();
    while (true) {
      if (inbox.closed()) {
        List<Sequence> lost = new ArrayList<>(active);
        lost.addAll(waiting);
        for (Sequence s : lost) {
          s.finish(GenerationResult.ERROR, "engine closed");
        }
        return;
      }
      boolean more = inbox.next(waiting, waiting.isEmpty() && active.isEmpty());
      if (!more && waiting.isEmpty() && active.isEmpty()) {
        return;
      }
      try {
        active = step(waiting, freeSlots, active);
      } catch (RuntimeException e) {
        List<Sequence> lost = new ArrayList<>(active);
        lost.addAll(waiting);
        for (Sequence s : lost) {
          if (s.result == null) {
            s.finish(GenerationResult.ERROR, "scheduler failed: " + e);
          }
        }
        waiting.clear();
        active.clear();
        freeSlots.clear();
        for (int i = 0; i < backend.slots(); i++) {
          freeSlots.add(i);
          slotValid[i] = 0;
          backend.release(i);
        }
      }
    }
  }

  /** Admits what fits, advances every active sequence by one forward step; returns the sequences still running. */
  private List<Sequence> step(Deque<Sequence> waiting, Deque<Integer> freeSlots, List<Sequence> active) {
    while (!freeSlots.isEmpty() && !waiting.isEmpty()) {
      Sequence s = waiting.peek();
      if (s.request.params().maxNewTokens() > 0 && waitsForPrefix(s, active)) {
        break;
      }
      if (s.request.params().maxNewTokens() == 0) {
        waiting.poll();
        s.finish(GenerationResult.LENGTH, null);
        continue;
      }
      if (!admit(s, freeSlots, active.isEmpty())) {
        break; // no KV memory until a running sequence ends (alone, it would have failed instead)
      }
      waiting.poll();
      if (s.result == null) {
        active.add(s);
      }
    }
    if (active.isEmpty()) {
      return active;
    }
    // every decoding sequence advances by one token; prompts share what is left of the step's token budget
    List<SequenceStep> steps = new ArrayList<>(active.size());
    List<Sequence> stepped = new ArrayList<>(active.size());
    int budget = prefillChunk;
    for (Sequence s : active) {
      if (s.fed >= s.promptLength) {
        steps.add(new SequenceStep(s.slot, s.fed, new int[] {s.history[s.fed]}, false));
        stepped.add(s);
        budget--;
      }
    }
    for (Sequence s : active) {
      if (s.fed < s.promptLength && (budget > 0 || stepped.isEmpty())) {
        int n = Math.min(s.promptLength - s.fed, Math.max(1, budget));
        steps.add(new SequenceStep(s.slot, s.fed, java.util.Arrays.copyOfRange(s.history, s.fed, s.fed + n),
            false));
        stepped.add(s);
        budget -= n;
      }
    }
    // a sequence whose sampler is the plain argmax, or whose logits this step are not used (a prompt chunk before
    // its last), needs only the argmax id: a device backend then copies back an int instead of a vocabulary row
    boolean[] greedy = new boolean[stepped.size()];
    for (int i = 0; i < stepped.size(); i++) {
      Sequence s = stepped.get(i);
      greedy[i] = s.sampler.isArgmaxOfRawLogits() || s.fed + steps.get(i).tokens().length < s.length;
    }
    List<StepResult> results;
    try {
      results = backend.step(steps, greedy);
    } catch (RuntimeException e) {
      for (Sequence s : active) {
        s.finish(GenerationResult.ERROR, "forward step failed: " + e);
        freeSlots.add(s.slot);
        slotValid[s.slot] = 0; // a failed step may have written some layers and not others
      }
      return new ArrayList<>();
    }
    statistics.record(stepped);
    for (int i = 0; i < stepped.size(); i++) {
      Sequence s = stepped.get(i);
      s.fed += steps.get(i).tokens().length;
      slotValid[s.slot] = s.fed;
      if (s.fed == s.length) {
        StepResult r = results.get(i);
        append(s, r.logits() == null ? r.greedyToken() : s.sampler.next(r.logits()[0], s.history, s.length));
        if (s.result != null) {
          freeSlots.add(s.slot);
        }
      }
    }
    List<Sequence> still = new ArrayList<>(active.size());
    for (Sequence s : active) {
      if (s.result == null) {
        still.add(s);
      }
    }
    return still;
  }

  StepStatistics statistics() {
    return statistics;
  }

  /**
   * Gives {@code s} the free slot that already holds the longest prefix of its prompt and skips the tokens whose
   * keys and values some slot holds (at least the prompt's last token is always computed: its logits are needed).
   */
  private boolean admit(Sequence s, Deque<Integer> freeSlots, boolean alone) {
    int slot = freeSlots.peek();
    int reuse = 0;
    int donor = -1;
    if (reusePrefixes) {
      for (int free : freeSlots) {
        int common = commonPrefix(free, s);
        if (common > reuse) {
          slot = free;
          reuse = common;
        }
      }
      donor = slot;
      for (int other = 0; other < slotTokens.length; other++) {
        int common = commonPrefix(other, s);
        if (common > reuse) {
          donor = other;
          reuse = common;
        }
      }
    }
    // the sequence's KV memory for all its positions, taken now: a running sequence never runs out of it
    int need = Math.min(s.history.length, s.promptLength + s.request.params().maxNewTokens());
    if (!reserve(slot, need, freeSlots)) {
      if (!alone) {
        return false;
      }
      s.finish(GenerationResult.ERROR, kvError);
      return true;
    }
    if (donor >= 0 && donor != slot && commonPrefix(donor, s) < reuse) {
      // the donor was an idle slot that gave its memory back for this reservation
      donor = slot;
      reuse = commonPrefix(slot, s);
    }
    freeSlots.remove(slot);
    if (donor >= 0 && donor != slot) {
      backend.copyPrefix(donor, slot, reuse); // within the reservation
    }
    s.slot = slot;
    s.fed = reuse;
    s.cached = reuse;
    slotTokens[slot] = s.history;
    slotValid[slot] = reuse;
    return true;
  }

  /** Why the last {@link #reserve} failed. */
  private String kvError;

  /**
   * Reserves KV-cache memory for {@code positions} in {@code slot}; when the budget is spent, the other free slots
   * give their cached prefixes back first.
   */
  private boolean reserve(int slot, int positions, Deque<Integer> freeSlots) {
    try {
      backend.reserve(slot, positions);
      return true;
    } catch (KvCacheFullException first) {
      for (int idle : freeSlots) {
        if (idle != slot) {
          backend.release(idle);
          slotValid[idle] = 0;
        }
      }
      try {
        backend.reserve(slot, positions);
        return true;
      } catch (KvCacheFullException e) {
        kvError = e.getMessage();
        return false;
      }
    }
  }

  /**
   * Whether {@code s} should wait because a sequence still being prefilled shares a longer prefix with it than any
   * slot holds: a batch of rows from one template would otherwise be admitted together and all compute the
   * template. Waiting costs at most the in-flight prompt's remaining steps; then the prefix is copied.
   */
  private boolean waitsForPrefix(Sequence s, List<Sequence> active) {
    if (!reusePrefixes) {
      return false;
    }
    int inFlight = 0;
    for (Sequence t : active) {
      if (t.fed < t.promptLength) {
        inFlight = Math.max(inFlight, sharedPrefix(t.history, t.promptLength, s));
      }
    }
    if (inFlight < MIN_SHARED_TO_WAIT) {
      return false;
    }
    int held = 0;
    for (int slot = 0; slot < slotTokens.length; slot++) {
      held = Math.max(held, commonPrefix(slot, s));
    }
    return inFlight - held >= MIN_SHARED_TO_WAIT;
  }

  /** Positions of {@code s}'s prompt (all but its last token) whose keys and values {@code slot} holds. */
  private int commonPrefix(int slot, Sequence s) {
    return sharedPrefix(slotTokens[slot], slotValid[slot], s);
  }

  /** Leading tokens of {@code tokens[0, length)} equal to {@code s}'s prompt, at most all but its last token. */
  private static int sharedPrefix(int[] tokens, int length, Sequence s) {
    int n = Math.min(length, s.promptLength - 1);
    int i = 0;
    while (i < n && tokens[i] == s.history[i]) {
      i++;
    }
    return i;
  }

  /** Appends the chosen token; finishes the sequence on EOG, a stop string, or a length limit. */
  private void append(Sequence s, int token) {
    if (tokenizer.isEndOfGeneration(token)) {
      s.finish(GenerationResult.STOP, null);
      return;
    }
    s.history[s.length++] = token;
    s.generated++;
    s.text += s.decoder.add(token);
    List<String> stops = s.request.params().stop();
    if (!stops.isEmpty()) {
      int cut = firstStop(s.text, stops, Math.max(0, s.emitted - maxLength(stops)));
      if (cut >= 0) {
        s.text = s.text.substring(0, cut);
        s.finish(GenerationResult.STOP, null);
        return;
      }
      s.emit(s.text.length() - heldBack(s.text, stops));
    } else {
      s.emit(s.text.length());
    }
    if (s.generated >= s.request.params().maxNewTokens() || s.length >= s.history.length) {
      s.finish(GenerationResult.LENGTH, null);
    }
  }

  private static int maxLength(List<String> stops) {
    return stops.stream().mapToInt(String::length).max().orElse(0);
  }

  /** Start of the earliest stop string in {@code text} at or after {@code from}, or -1. */
  static int firstStop(String text, List<String> stops, int from) {
    int best = -1;
    for (String stop : stops) {
      int at = text.indexOf(stop, from);
      if (at >= 0 && (best < 0 || at < best)) {
        best = at;
      }
    }
    return best;
  }

  /** Chars at the end of {@code text} that might begin a stop string, so streaming must not show them yet. */
  static int heldBack(String text, List<String> stops) {
    int held = 0;
    for (String stop : stops) {
      for (int k = Math.min(stop.length() - 1, text.length()); k > held; k--) {
        if (text.endsWith(stop.substring(0, k))) {
          held = k;
          break;
        }
      }
    }
    return held;
  }
}
