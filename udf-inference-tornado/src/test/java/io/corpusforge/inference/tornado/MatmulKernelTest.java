package io.corpusforge.inference.tornado;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.corpusforge.inference.cpu.BlockCodec;
import io.corpusforge.inference.gguf.GgmlType;
import io.corpusforge.inference.gguf.TensorEncoder;
import io.corpusforge.inference.model.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.ByteArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;

/** One matrix-product kernel on the device against a plain loop, for a token count that is not a tile multiple. */
class MatmulKernelTest {
  @ParameterizedTest
  @ValueSource(strings = {"F32", "F16", "Q8_0", "Q4_0"})
  void productOfTenTokensMatchesTheDequantizedLoop(String typeName) throws Exception {
    GgmlType type = GgmlType.valueOf(typeName);
    int rows = 48;
    int n = 96;
    int tokens = 10;
    SplittableRandom r = new SplittableRandom(3);
    float[] weights = new float[rows * n];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) r.nextGaussian();
    }
    byte[] encoded = TensorEncoder.encode(type, weights);
    MemorySegment seg = MemorySegment.ofArray(encoded);
    float[] decoded = new float[rows * n];
    BlockCodec.dequantize(type, seg, 0, decoded, 0, rows * n);
    DeviceTensor w = DeviceTensor.of(new Tensor("w", type, seg, rows, n, type.bytesFor(n)));
    FloatArray x = new FloatArray(16 * n);
    FloatArray out = new FloatArray(16 * rows);
    for (int i = 0; i < tokens * n; i++) {
      x.set(i, (float) r.nextGaussian());
    }
    FloatArray half = new FloatArray(65536);
    for (int i = 0; i < 65536; i++) {
      half.set(i, Float.float16ToFloat((short) i));
    }
    FloatArray wf = w.data() instanceof FloatArray f ? f : new FloatArray(1);
    ShortArray wh = w.data() instanceof ShortArray h ? h : new ShortArray(1);
    ByteArray wq = w.data() instanceof ByteArray q ? q : new ByteArray(1);
    IntArray step = new IntArray(StepLayout.size(16));
    step.set(StepLayout.TOKENS, tokens);
    step.set(StepLayout.TMAX, 16);
    KernelContext ctx = new KernelContext();
    TaskGraph g = new TaskGraph("mm").transferToDevice(DataTransferMode.EVERY_EXECUTION, step, wf, wh, wq, half, x)
        .task("t", DeviceKernels::matmul, ctx, step, type.id, wf, wh, wq, half, x, out, n, rows, StepLayout.TOKENS, 0)
        .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
    WorkerGrid grid = new WorkerGrid2D(rows * DeviceKernels.ROW_LS, 2);
    grid.setLocalWork(DeviceKernels.ROW_LS, 1, 1);
    try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot())) {
      plan.withGridScheduler(new GridScheduler("mm.t", grid)).execute();
    }
    for (int t = 0; t < tokens; t++) {
      for (int row = 0; row < rows; row++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += decoded[row * n + j] * x.get(t * n + j);
        }
        assertEquals(s, out.get(t * rows + row), 1e-3, type + " token " + t + " row " + row);
      }
    }
  }
}
