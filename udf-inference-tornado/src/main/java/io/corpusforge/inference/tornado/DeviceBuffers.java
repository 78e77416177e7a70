package io.corpusforge.inference.tornado;

import io.corpusforge.inference.cpu.Rope;
import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.backend.KvType;
import io.corpusforge.inference.model.ModelSpec;
import io.corpusforge.inference.model.ModelWeights;
import io.corpusforge.inference.model.Tensor;
import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;
import uk.ac.manchester.tornado.api.types.arrays.TornadoNativeArray;

/**
 * Every array the device holds for one model: weights, the half-to-float table, the rope table, the activations of
 * up to {@code tmax} tokens, the KV cache (one key and one value buffer per layer, each under OpenCL's per-allocation
 * cap and int indexing), logits of up to {@code rmax} rows and their greedy ids.
 */
final class DeviceBuffers {
  record Layer(FloatArray attnNorm, DeviceTensor q, DeviceTensor k, DeviceTensor v, FloatArray qBias,
      FloatArray kBias, FloatArray vBias, FloatArray qNorm, FloatArray kNorm, DeviceTensor o, FloatArray ffnNorm,
      DeviceTensor gate, DeviceTensor up, DeviceTensor down, GgmlType qType, GgmlType kType, GgmlType vType,
      GgmlType oType, GgmlType gateType, GgmlType upType, GgmlType downType) {}

  final ModelSpec spec;
  final int tmax;
  final int rmax;
  final int slots;
  final int context;
  final IntArray step;
  final IntArray shape;
  final FloatArray half;
  final FloatArray rope;
  final DeviceTensor tokenEmbd;
  final FloatArray outputNorm;
  final DeviceTensor output;
  final GgmlType outputFileType;
  final Layer[] layers;
  final FloatArray x;
  final FloatArray xn;
  final FloatArray xr;
  final FloatArray q;
  final FloatArray k;
  final FloatArray v;
  final FloatArray att;
  final FloatArray scores;
  final FloatArray gate;
  final FloatArray up;
  final FloatArray xo;
  final FloatArray logits;
  final IntArray ids;
  /** F32 KV cache per layer (null for F16). */
  final FloatArray[] kCache;
  final FloatArray[] vCache;
  /** F16 KV cache per layer, half bits (null for F32). */
  final ShortArray[] kHalves;
  final ShortArray[] vHalves;
  final KvType kvType;
  /** Placeholders for the KV arrays of the type not used (one element each, one per role). */
  final FloatArray noKf = new FloatArray(1);
  final FloatArray noVf = new FloatArray(1);
  final ShortArray noKh = new ShortArray(1);
  final ShortArray noVh = new ShortArray(1);
  /** Placeholders for the weight arrays a kernel does not read (one element each). */
  private final FloatArray noFloats = new FloatArray(1);
  private final ShortArray noHalves = new ShortArray(1);
  private final ByteArray noBlocks = new ByteArray(1);

  FloatArray floats(DeviceTensor t) {
    return t.data() instanceof FloatArray f ? f : noFloats;
  }

  ShortArray halves(DeviceTensor t) {
    return t.data() instanceof ShortArray h ? h : noHalves;
  }

  ByteArray blocks(DeviceTensor t) {
    return t.data() instanceof ByteArray q ? q : noBlocks;
  }

  /** Tensors converted at load (K-quants and others re-quantized to Q8_0), for the log. */
  final List<String> converted = new ArrayList<>();

  /** The weights' device bytes (uploaded as they are, or converted), for the memory plan. */
  static long weightBytes(ModelWeights w) {
    long[] total = {0};
    w.forEachTensor(t -> total[0] += deviceBytes(t));
    return total[0] + 65536L * 4;
  }

  private static long deviceBytes(Tensor t) {
    long n = (long) t.rows() * t.cols();
    return switch (t.type()) {
      case F32, BF16 -> n * 4;
      case F16 -> n * 2;
      case Q8_0, Q4_0 -> t.data().byteSize();
      default -> t.rows() == 1 ? n * 4 : n / 32 * 34;
    };
  }

  /** Activation bytes per token of capacity, plus the attention scores' per token and position. */
  static long activationBytes(ModelSpec s, int tmax, int rmax, int context) {
    long perToken = 2L * s.dim() + widest(s) + s.qDim() + s.kvDim() + s.vDim() + (long) s.heads() * s.valueDim()
        + 2L * s.ffnDim() + (long) s.heads() * context;
    return 4 * (tmax * perToken + (long) rmax * (s.dim() + s.vocabSize() + 1));
  }

  static long kvBytes(ModelSpec s, int slots, int context, KvType type) {
    return (long) type.bytes * s.layers() * slots * context * (s.kvDim() + s.vDim());
  }

  FloatArray kf(int layer) {
    return kCache == null ? noKf : kCache[layer];
  }

  FloatArray vf(int layer) {
    return vCache == null ? noVf : vCache[layer];
  }

  ShortArray kh(int layer) {
    return kHalves == null ? noKh : kHalves[layer];
  }

  ShortArray vh(int layer) {
    return vHalves == null ? noVh : vHalves[layer];
  }

  private static int widest(ModelSpec s) {
    return Math.max(s.dim(), Math.max(s.heads() * s.valueDim(), s.ffnDim()));
  }

  DeviceBuffers(ModelWeights w, int slots, int context, int tmax, int rmax, KvType kvType) {
    this.spec = w.spec();
    this.kvType = kvType;
    this.slots = slots;
    this.context = context;
    this.tmax = tmax;
    this.rmax = rmax;
    ModelSpec s = spec;
    step = new IntArray(StepLayout.size(tmax));
    step.set(StepLayout.TMAX, tmax);
    shape = new IntArray(StepLayout.SHAPE_SIZE);
    shape.set(StepLayout.S_HEADS, s.heads());
    shape.set(StepLayout.S_KV_HEADS, s.kvHeads());
    shape.set(StepLayout.S_HEAD_DIM, s.headDim());
    shape.set(StepLayout.S_VALUE_DIM, s.valueDim());
    shape.set(StepLayout.S_ROPE_DIM, s.ropeDim());
    shape.set(StepLayout.S_NEOX, s.ropeType() == io.corpusforge.inference.model.RopeType.NEOX ? 1 : 0);
    shape.set(StepLayout.S_QKV_BIAS, s.architecture().qkvBias ? 1 : 0);
    shape.set(StepLayout.S_QK_NORM, s.architecture().qkNorm ? 1 : 0);
    shape.set(StepLayout.S_CONTEXT, context);
    shape.set(StepLayout.S_TMAX, tmax);
    shape.set(StepLayout.S_KV_F16, kvType == KvType.F16 ? 1 : 0);
    half = new FloatArray(65536);
    for (int i = 0; i < 65536; i++) {
      half.set(i, Float.float16ToFloat((short) i));
    }
    rope = ropeTable(w, context);
    tokenEmbd = upload(w.tokenEmbd());
    outputNorm = DeviceTensor.floats(w.outputNorm());
    output = w.output() == w.tokenEmbd() ? tokenEmbd : upload(w.output());
    outputFileType = w.output().type();
    layers = new Layer[s.layers()];
    FloatArray none = new FloatArray(1);
    for (int l = 0; l < layers.length; l++) {
      ModelWeights.Layer t = w.layers().get(l);
      layers[l] = new Layer(DeviceTensor.floats(t.attnNorm()), upload(t.q()), upload(t.k()), upload(t.v()),
          orNone(t.qBias(), none), orNone(t.kBias(), none), orNone(t.vBias(), none), orNone(t.qNorm(), none),
          orNone(t.kNorm(), none), upload(t.o()), DeviceTensor.floats(t.ffnNorm()), upload(t.gate()),
          upload(t.up()), upload(t.down()), t.q().type(), t.k().type(), t.v().type(), t.o().type(),
          t.gate().type(), t.up().type(), t.down().type());
    }
    x = new FloatArray(tmax * s.dim());
    xn = new FloatArray(tmax * s.dim());
    xr = new FloatArray(tmax * widest(s));
    q = new FloatArray(tmax * s.qDim());
    k = new FloatArray(tmax * s.kvDim());
    v = new FloatArray(tmax * s.vDim());
    att = new FloatArray(tmax * s.heads() * s.valueDim());
    scores = new FloatArray(Math.multiplyExact(tmax * s.heads(), context));
    gate = new FloatArray(tmax * s.ffnDim());
    up = new FloatArray(tmax * s.ffnDim());
    xo = new FloatArray(rmax * s.dim());
    logits = new FloatArray(Math.multiplyExact(rmax, s.vocabSize()));
    ids = new IntArray(rmax);
    boolean f16 = kvType == KvType.F16;
    kCache = f16 ? null : new FloatArray[s.layers()];
    vCache = f16 ? null : new FloatArray[s.layers()];
    kHalves = f16 ? new ShortArray[s.layers()] : null;
    vHalves = f16 ? new ShortArray[s.layers()] : null;
    for (int l = 0; l < s.layers(); l++) {
      int kn = Math.multiplyExact(slots * context, s.kvDim());
      int vn = Math.multiplyExact(slots * context, s.vDim());
      if (f16) {
        kHalves[l] = new ShortArray(kn);
        vHalves[l] = new ShortArray(vn);
      } else {
        kCache[l] = new FloatArray(kn);
        vCache[l] = new FloatArray(vn);
      }
    }
  }

  private DeviceTensor upload(Tensor t) {
    if (t.type().blockSize > 1 && t.type() != GgmlType.Q8_0 && t.type() != GgmlType.Q4_0) {
      converted.add(t.name() + " " + t.type());
    }
    return DeviceTensor.of(t);
  }

  private static FloatArray orNone(Tensor t, FloatArray none) {
    return t == null ? none : DeviceTensor.floats(t);
  }

  /** cos/sin per position and pair, exactly as the CPU backend's {@link Rope} computes them. */
  private static FloatArray ropeTable(ModelWeights w, int context) {
    ModelSpec s = w.spec();
    float[] freqs = null;
    if (w.ropeFreqs() != null) {
      FloatArray f = DeviceTensor.floats(w.ropeFreqs());
      freqs = new float[f.getSize()];
      for (int i = 0; i < freqs.length; i++) {
        freqs[i] = f.get(i);
      }
    }
    Rope r = new Rope(s.ropeType(), s.ropeDim(), s.ropeBase(), s.ropeFreqScale(), freqs);
    FloatArray out = new FloatArray(context * s.ropeDim());
    for (int p = 0; p < context; p++) {
      float[] cs = r.table(p);
      for (int i = 0; i < cs.length; i++) {
        out.set(p * s.ropeDim() + i, cs[i]);
      }
    }
    return out;
  }

  /** Everything transferred once, at the first execution, and kept on the device (each array once). */
  List<Object> firstExecution() {
    java.util.Set<Object> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<Object> ordered = new ArrayList<>();
    List<Object> candidates = new ArrayList<>(List.of(shape, half, rope, tokenEmbd.data(), outputNorm,
        output.data(), noFloats, noHalves, noBlocks));
    for (Layer l : layers) {
      candidates.addAll(List.of(l.attnNorm(), l.q().data(), l.k().data(), l.v().data(), l.o().data(), l.ffnNorm(),
          l.gate().data(), l.up().data(), l.down().data(), l.qBias(), l.kBias(), l.vBias(), l.qNorm(),
          l.kNorm()));
    }
    candidates.addAll(List.of(x, xn, xr, q, k, v, att, scores, gate, up, xo, logits, ids));
    candidates.addAll(List.of(noKf, noVf, noKh, noVh));
    for (int l = 0; l < layers.length; l++) {
      candidates.addAll(List.of(kf(l), vf(l), kh(l), vh(l)));
    }
    for (Object o : candidates) {
      if (all.add(o)) {
        ordered.add(o);
      }
    }
    return ordered;
  }

  /** Bytes of every device array. */
  long bytes() {
    long total = 0;
    for (Object o : firstExecution()) {
      total += ((TornadoNativeArray) o).getNumBytesOfSegment();
    }
    return total + step.getNumBytesOfSegment();
  }
}
