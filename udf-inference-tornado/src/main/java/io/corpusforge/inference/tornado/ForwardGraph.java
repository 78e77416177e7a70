package io.corpusforge.inference.tornado;

import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The whole forward step as one task graph: prefix copies, embedding, every layer, final norm, output projection
 * and argmax. Everything but the step array is transferred once (first execution) and stays on the device; logits
 * come back on demand (only the rows asked for), greedy ids every execution. Grids are sized per step from the padded
 * token and row counts ({@link #resize}); the kernels read the real counts from the step array.
 */
final class ForwardGraph {
  static final String NAME = "fwd";
  private static final int COPY_THREADS = 64 * 64;

  private enum Kind { TOKENS, ROWS, TOKEN_TILES, ROW_TILES, HEADS, FIXED }

  private record Sized(WorkerGrid grid, Kind kind, int width) {}

  private final TaskGraph graph = new TaskGraph(NAME);
  private final GridScheduler grids = new GridScheduler();
  private final List<Sized> sized = new ArrayList<>();
  private final KernelContext ctx = new KernelContext();
  private final DeviceBuffers b;
  private final ModelSpec spec;

  ForwardGraph(DeviceBuffers b) {
    this.b = b;
    this.spec = b.spec;
    graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, b.step);
    graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, b.firstExecution().toArray());
    for (int l = 0; l < spec.layers(); l++) {
      int layer = l;
      add(Kind.FIXED, 64, "l" + l + ".copy", n -> graph.task(n, DeviceKernels::copyPrefixes, ctx, b.step, b.shape,
          b.kf(layer), b.vf(layer), b.kh(layer), b.vh(layer)));
    }
    embed();
    for (int l = 0; l < spec.layers(); l++) {
      layer(l);
    }
    String p = "out.";
    add(Kind.ROWS, DeviceKernels.VEC_LS, p + "norm", n -> graph.task(n, DeviceKernels::rmsNorm, ctx, b.step, b.x,
        b.outputNorm, b.xo, spec.dim(), spec.normEps(), 1));
    FloatArray in = b.xo;
    int mode = b.output.rounding(b.outputFileType);
    if (mode != 0) {
      round(p + "round", b.xo, b.xr, spec.dim(), mode, StepLayout.ROWS);
      in = b.xr;
    }
    matmul(p + "proj", b.output, in, b.logits, StepLayout.ROWS, false);
    add(Kind.ROWS, DeviceKernels.ARGMAX_LS, p + "argmax", n -> graph.task(n, DeviceKernels::argmax, ctx, b.step,
        b.logits, b.ids, spec.vocabSize()));
    graph.transferToHost(DataTransferMode.UNDER_DEMAND, b.logits);
    graph.transferToHost(DataTransferMode.EVERY_EXECUTION, b.ids);
  }

  TaskGraph graph() {
    return graph;
  }

  GridScheduler grids() {
    return grids;
  }

  /** Sets every grid for a step of {@code tokens} tokens and {@code rows} logit rows (both already padded). */
  void resize(int tokens, int rows) {
    for (Sized s : sized) {
      long x = s.width;
      long y = 1;
      switch (s.kind) {
        case TOKENS -> x = (long) tokens * s.width;
        case ROWS -> x = (long) rows * s.width;
        case TOKEN_TILES -> y = (tokens + DeviceKernels.TILE - 1) / DeviceKernels.TILE;
        case ROW_TILES -> y = (rows + DeviceKernels.TILE - 1) / DeviceKernels.TILE;
        case HEADS -> y = tokens;
        case FIXED -> x = COPY_THREADS;
      }
      s.grid.setGlobalWork(x, y, 1);
    }
  }

  // ---------------------------------------------------------------- building blocks

  /** Adds a 1-D task of {@code local} threads per token, per logit row, or a fixed grid. */
  private void add(Kind kind, int local, String name, java.util.function.Consumer<String> build) {
    build.accept(name);
    WorkerGrid g = new WorkerGrid1D(kind == Kind.FIXED ? COPY_THREADS : local);
    g.setLocalWork(local, 1, 1);
    grids.addWorkerGrid(NAME + "." + name, g);
    sized.add(new Sized(g, kind, local));
  }

  private void add2d(Kind kind, int width, int local, String name, java.util.function.Consumer<String> build) {
    build.accept(name);
    WorkerGrid g = new WorkerGrid2D(width, 1);
    g.setLocalWork(local, 1, 1);
    grids.addWorkerGrid(NAME + "." + name, g);
    sized.add(new Sized(g, kind, width));
  }

  private void embed() {
    DeviceTensor e = b.tokenEmbd;
    add(Kind.TOKENS, DeviceKernels.VEC_LS, "embed", n -> graph.task(n, DeviceKernels::embed, ctx, b.step,
        e.type().id, b.floats(e), b.halves(e), b.blocks(e), b.half, b.x, spec.dim()));
  }

  private void layer(int l) {
    DeviceBuffers.Layer w = b.layers[l];
    String p = "l" + l + ".";
    int dim = spec.dim();
    add(Kind.TOKENS, DeviceKernels.VEC_LS, p + "attnNorm", n -> graph.task(n, DeviceKernels::rmsNorm, ctx, b.step,
        b.x, w.attnNorm(), b.xn, dim, spec.normEps(), 0));
    projections(p, new DeviceTensor[] {w.q(), w.k(), w.v()}, new GgmlType[] {w.qType(), w.kType(), w.vType()},
        new FloatArray[] {b.q, b.k, b.v}, new String[] {"q", "k", "v"});
    add2d(Kind.HEADS, (spec.heads() + spec.kvHeads()) * DeviceKernels.HEAD_LS, DeviceKernels.HEAD_LS, p + "heads",
        n -> graph.task(n, DeviceKernels::qkvHeads, ctx, b.step, b.shape, b.q, b.k, b.v, w.qBias(), w.kBias(),
            w.vBias(), w.qNorm(), w.kNorm(), b.rope, spec.normEps()));
    add(Kind.TOKENS, DeviceKernels.VEC_LS, p + "kvStore", n -> graph.task(n, DeviceKernels::kvStore, ctx, b.step,
        b.shape, b.q, b.k, b.v, b.kf(l), b.vf(l), b.kh(l), b.vh(l)));
    float scale = (float) (1.0 / Math.sqrt(spec.headDim()));
    add2d(Kind.HEADS, spec.heads() * DeviceKernels.HEAD_LS, DeviceKernels.HEAD_LS, p + "attention",
        n -> graph.task(n, DeviceKernels::attention, ctx, b.step, b.shape, b.q, b.kf(l), b.vf(l), b.kh(l), b.vh(l),
            b.half, b.scores, b.att, scale));
    FloatArray in = b.att;
    int mode = w.o().rounding(w.oType());
    if (mode != 0) {
      round(p + "oRound", b.att, b.xr, spec.heads() * spec.valueDim(), mode, StepLayout.TOKENS);
      in = b.xr;
    }
    matmul(p + "o", w.o(), in, b.x, StepLayout.TOKENS, true);
    add(Kind.TOKENS, DeviceKernels.VEC_LS, p + "ffnNorm", n -> graph.task(n, DeviceKernels::rmsNorm, ctx, b.step,
        b.x, w.ffnNorm(), b.xn, dim, spec.normEps(), 0));
    projections(p, new DeviceTensor[] {w.gate(), w.up()}, new GgmlType[] {w.gateType(), w.upType()},
        new FloatArray[] {b.gate, b.up}, new String[] {"gate", "up"});
    add(Kind.TOKENS, DeviceKernels.VEC_LS, p + "swiglu", n -> graph.task(n, DeviceKernels::swiglu, ctx, b.step,
        b.gate, b.up, spec.ffnDim()));
    in = b.gate;
    mode = w.down().rounding(w.downType());
    if (mode != 0) {
      round(p + "downRound", b.gate, b.xr, spec.ffnDim(), mode, StepLayout.TOKENS);
      in = b.xr;
    }
    matmul(p + "down", w.down(), in, b.x, StepLayout.TOKENS, true);
  }

  /** Products of the normed activations {@code b.xn} with weights that share it, rounding once when they agree. */
  private void projections(String p, DeviceTensor[] ws, GgmlType[] fileTypes, FloatArray[] outs, String[] names) {
    boolean same = true;
    for (int i = 1; i < ws.length; i++) {
      same &= ws[i].rounding(fileTypes[i]) == ws[0].rounding(fileTypes[0]);
    }
    for (int i = 0; i < ws.length; i++) {
      int mode = ws[i].rounding(fileTypes[i]);
      FloatArray in = b.xn;
      if (mode != 0) {
        if (i == 0 || !same) {
          round(p + names[i] + "Round", b.xn, b.xr, spec.dim(), mode, StepLayout.TOKENS);
        }
        in = b.xr;
      }
      matmul(p + names[i], ws[i], in, outs[i], StepLayout.TOKENS, false);
    }
  }

  private void round(String name, FloatArray src, FloatArray dst, int n, int mode, int countAt) {
    add(countAt == StepLayout.ROWS ? Kind.ROWS : Kind.TOKENS, DeviceKernels.VEC_LS, name,
        id -> graph.task(id, DeviceKernels::roundActivations, ctx, b.step, src, dst, n, mode, countAt));
  }

  private void matmul(String name, DeviceTensor w, FloatArray in, FloatArray out, int countAt, boolean accumulate) {
    int acc = accumulate ? 1 : 0;
    int n = w.cols();
    int rows = w.rows();
    Kind kind = countAt == StepLayout.ROWS ? Kind.ROW_TILES : Kind.TOKEN_TILES;
    add2d(kind, rows * DeviceKernels.ROW_LS, DeviceKernels.ROW_LS, name, id -> graph.task(id,
        DeviceKernels::matmul, ctx, b.step, w.type().id, b.floats(w), b.halves(w), b.blocks(w), b.half, in, out, n,
        rows, countAt, acc));
  }
}
