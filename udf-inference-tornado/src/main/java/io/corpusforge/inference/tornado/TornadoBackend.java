package io.corpusforge.inference.tornado;

import io.corpusforge.inference.backend.Backend;
import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.backend.SequenceStep;
import io.corpusforge.inference.backend.StepResult;
import io.corpusforge.inference.model.ModelSpec;
import io.corpusforge.inference.model.ModelWeights;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import uk.ac.manchester.tornado.api.DataRange;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;

/**
 * The forward pass on a TornadoVM device. Weights, KV cache and activations live on the device; one execution plan
 * is built (and its kernels compiled) when the backend is created. A step goes to the device as token ids, positions,
 * slots and logit-row indices in one small array; logits come back only for the rows asked for, or only the argmax
 * ids ({@link #step(List, boolean[])}, which the scheduler uses for greedy requests). Steps larger than the device's token or logit-row capacity run as several executions, in
 * order, which gives the same result (a token's keys and values do not depend on how a prompt is chunked).
 */
public final class TornadoBackend implements Backend {
  private static final System.Logger LOG = System.getLogger(TornadoBackend.class.getName());
  /** Tokens per execution; the scheduler's prompt chunk. */
  static final int DEFAULT_TMAX = 512;
  private static final String BYTECODE_SIZE = "tornado.tvm.maxbytecodesize";

  private final ModelSpec spec;
  private final DeviceBuffers b;
  private final ForwardGraph graph;
  private final TornadoExecutionPlan plan;
  private final TornadoDevice device;
  private final List<int[]> pendingCopies = new ArrayList<>();
  private boolean closed;
  private long logitRowsCopied;

  /**
   * @param budget device bytes the backend may use; the context shrinks (with a log line) when the KV cache for
   *     {@code contextLength} positions would not fit, so a longer request fails alone (context check) instead of
   *     the engine failing to start
   */
  TornadoBackend(ModelWeights weights, int slots, int contextLength, TornadoDevice device, long budget,
      long maxAllocation, KvType kvType) {
    this.spec = weights.spec();
    this.device = device;
    int tmax = DEFAULT_TMAX;
    int rmax = Math.min(tmax, Math.max(64, slots));
    int context = MemoryPlan.context(spec, weights, slots, contextLength, tmax, rmax, budget, maxAllocation,
        kvType);
    if (context < contextLength) {
      LOG.log(System.Logger.Level.WARNING, "device memory (" + (budget >> 20) + " MiB allowed) holds a KV cache of "
          + context + " positions per slot for " + slots + " slots, not " + contextLength
          + ": longer requests fail with a context-length error");
    }
    b = new DeviceBuffers(weights, slots, context, tmax, rmax, kvType);
    if (!b.converted.isEmpty()) {
      LOG.log(System.Logger.Level.INFO, "converted to Q8_0 for the device: " + b.converted);
    }
    // TornadoVM sizes its per-graph bytecode buffer from this property (read once, when the first graph compiles);
    // the default 4 KiB holds about 40 tasks, a whole model takes ~20 per layer
    if (System.getProperty(BYTECODE_SIZE) == null) {
      System.setProperty(BYTECODE_SIZE, Integer.toString(1 << 20));
    }
    graph = new ForwardGraph(b);
    plan = new TornadoExecutionPlan(graph.graph().snapshot());
    plan.withDevice(device).withGridScheduler(graph.grids());
    // TornadoVM's default OpenCL flags include -cl-fast-relaxed-math (approximate exp, division and sqrt): without
    // it the device follows IEEE float like the CPU backend, which the parity tests rely on
    plan.withCompilerFlags(TornadoVMBackendType.OPENCL, "-w");
    // compile every kernel and upload the weights now, so the first request is not slow and errors surface here
    execute(0, 0);
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public int slots() {
    return b.slots;
  }

  @Override
  public int contextLength() {
    return b.context;
  }

  /** The device's name as TornadoVM reports it. */
  public String deviceName() {
    return device.getPhysicalDevice().getDeviceName() + " (" + device.getPlatformName() + ")";
  }

  /** Device bytes the backend's arrays take, and what TornadoVM reports the plan uses. */
  public long deviceBytes() {
    return Math.max(b.bytes(), plan.getCurrentDeviceMemoryUsage());
  }

  @Override
  public synchronized void copyPrefix(int fromSlot, int toSlot, int positions) {
    if (fromSlot == toSlot || positions <= 0) {
      return;
    }
    checkSlot(fromSlot);
    checkSlot(toSlot);
    if (positions > b.context) {
      throw new IllegalArgumentException("cannot copy " + positions + " positions: the context is " + b.context);
    }
    for (int[] c : pendingCopies) {
      if (c[1] == fromSlot || c[1] == toSlot || c[0] == toSlot) {
        flushCopies();
        break;
      }
    }
    if (pendingCopies.size() == StepLayout.MAX_COPIES) {
      flushCopies();
    }
    pendingCopies.add(new int[] {fromSlot, toSlot, positions});
  }

  @Override
  public synchronized List<float[][]> step(List<SequenceStep> batch) {
    float[][][] out = new float[batch.size()][][];
    for (int i = 0; i < batch.size(); i++) {
      out[i] = new float[batch.get(i).logitRows()][];
    }
    run(batch, out, null, new boolean[batch.size()]);
    return List.of(out);
  }

  /** Logits for the steps not marked greedy; for the others the argmax computed on the device, only the id copied. */
  @Override
  public synchronized List<StepResult> step(List<SequenceStep> batch, boolean[] greedy) {
    if (greedy.length != batch.size()) {
      throw new IllegalArgumentException(greedy.length + " greedy flags for " + batch.size() + " steps");
    }
    List<SequenceStep> steps = new ArrayList<>(batch.size());
    float[][][] logits = new float[batch.size()][][];
    for (int i = 0; i < batch.size(); i++) {
      SequenceStep s = batch.get(i);
      steps.add(greedy[i] ? new SequenceStep(s.slot(), s.startPos(), s.tokens(), false) : s);
      logits[i] = greedy[i] ? null : new float[s.logitRows()][];
    }
    int[] ids = new int[batch.size()];
    run(steps, logits, ids, greedy);
    List<StepResult> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      out.add(greedy[i] ? StepResult.ofToken(ids[i]) : StepResult.ofLogits(logits[i]));
    }
    return out;
  }

  /**
   * As {@link #step} for greedy decoding: the argmax token of each step's last position, computed on the device
   * (the lowest index on ties, as the sampler's argmax), so only the ids come back.
   */
  public synchronized int[] greedy(List<SequenceStep> batch) {
    boolean[] all = new boolean[batch.size()];
    java.util.Arrays.fill(all, true);
    return step(batch, all).stream().mapToInt(StepResult::greedyToken).toArray();
  }

  /** Logit rows copied back from the device so far (greedy steps copy none). */
  public synchronized long logitRowsCopied() {
    return logitRowsCopied;
  }

  /**
   * Runs the steps; fills {@code logits[s]} for the steps with {@code wantsId[s]} false and {@code ids[s]} (the
   * device argmax of the last row) for the others.
   */
  private void run(List<SequenceStep> batch, float[][][] logits, int[] ids, boolean[] wantsId) {
    if (closed) {
      throw new IllegalStateException("the TornadoVM backend is closed");
    }
    Set<Integer> seen = new HashSet<>();
    int total = 0;
    for (SequenceStep s : batch) {
      checkSlot(s.slot());
      if (!seen.add(s.slot())) {
        throw new IllegalArgumentException("bad or repeated slot " + s.slot());
      }
      if (s.startPos() + s.tokens().length > b.context) {
        throw new IllegalArgumentException("sequence of " + (s.startPos() + s.tokens().length)
            + " tokens exceeds the context length " + b.context);
      }
      for (int id : s.tokens()) {
        if (id < 0 || id >= spec.vocabSize()) {
          throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + spec.vocabSize());
        }
      }
      total += s.tokens().length;
    }
    // flatten: (sequence, index in sequence) of every token, and which tokens give a logit row
    int[] seqOf = new int[total];
    int[] idxOf = new int[total];
    int i = 0;
    for (int s = 0; s < batch.size(); s++) {
      for (int j = 0; j < batch.get(s).tokens().length; j++, i++) {
        seqOf[i] = s;
        idxOf[i] = j;
      }
    }
    int vocab = spec.vocabSize();
    int[] rowTok = new int[b.rmax];
    int[] rowSeq = new int[b.rmax];
    int[] rowIdx = new int[b.rmax];
    int done = 0;
    do {
      int t = 0;
      int r = 0;
      int logitRows = 0;
      while (done + t < total && t < b.tmax) {
        SequenceStep s = batch.get(seqOf[done + t]);
        int j = idxOf[done + t];
        int n = s.tokens().length;
        boolean row = j >= n - s.logitRows();
        if (row && r == b.rmax) {
          break;
        }
        b.step.set(StepLayout.IDS + t, s.tokens()[j]);
        b.step.set(StepLayout.positions(b.tmax) + t, s.startPos() + j);
        b.step.set(StepLayout.slots(b.tmax) + t, s.slot());
        if (row) {
          rowTok[r] = t;
          rowSeq[r] = seqOf[done + t];
          rowIdx[r] = j - (n - s.logitRows());
          logitRows += wantsId[rowSeq[r]] ? 0 : 1;
          r++;
        }
        t++;
      }
      // the rows whose logits come back first, so one partial copy brings exactly them; id rows after them
      int[] order = new int[r];
      int front = 0;
      int back = logitRows;
      for (int k = 0; k < r; k++) {
        order[wantsId[rowSeq[k]] ? back++ : front++] = k;
      }
      for (int at = 0; at < r; at++) {
        b.step.set(StepLayout.rowTokens(b.tmax) + at, rowTok[order[at]]);
      }
      TornadoExecutionResult result = execute(t, r);
      if (logitRows > 0) {
        result.transferToHost(new DataRange(b.logits).withSize((long) logitRows * vocab));
        logitRowsCopied += logitRows;
        for (int at = 0; at < logitRows; at++) {
          float[] row = new float[vocab];
          for (int v = 0; v < vocab; v++) {
            row[v] = b.logits.get(at * vocab + v);
          }
          logits[rowSeq[order[at]]][rowIdx[order[at]]] = row;
        }
      }
      for (int at = logitRows; at < r; at++) {
        ids[rowSeq[order[at]]] = b.ids.get(at);
      }
      done += t;
    } while (done < total);
  }

  private void flushCopies() {
    execute(0, 0);
  }

  /** One execution of the graph: pending prefix copies first, then {@code tokens} tokens. */
  private TornadoExecutionResult execute(int tokens, int rows) {
    int at = StepLayout.copies(b.tmax);
    for (int c = 0; c < pendingCopies.size(); c++) {
      int[] copy = pendingCopies.get(c);
      b.step.set(at + 3 * c, copy[0]);
      b.step.set(at + 3 * c + 1, copy[1]);
      b.step.set(at + 3 * c + 2, copy[2]);
    }
    b.step.set(StepLayout.COPIES, pendingCopies.size());
    pendingCopies.clear();
    b.step.set(StepLayout.TOKENS, tokens);
    b.step.set(StepLayout.ROWS, rows);
    graph.resize(pad(Math.max(1, tokens)), pad(Math.max(1, rows)));
    return plan.execute();
  }

  /** The padded size a count runs at: powers of two up to the capacity, so launches come in a few shapes. */
  private int pad(int n) {
    int p = Integer.highestOneBit(n);
    if (p < n) {
      p <<= 1;
    }
    return Math.min(p, Math.max(b.tmax, b.rmax));
  }

  private void checkSlot(int slot) {
    if (slot < 0 || slot >= b.slots) {
      throw new IllegalArgumentException("bad or repeated slot " + slot);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      plan.freeDeviceMemory();
      try {
        plan.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing the TornadoVM plan: " + e);
      }
    }
  }
}
