package dev.voicegen.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IoBinding through the C API (CreateIoBinding, BindInput, BindOutputToDevice, RunWithBinding,
 * GetBoundOutputValues, AllocatorFree, ClearBoundInputs/Outputs, ReleaseIoBinding), proven on the
 * row-gather graph: the outputs hold exactly the rows asked for.
 */
class BoundSessionTest {
  private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

  private static DeviceTensor filled(long[] shape, float base) {
    DeviceTensor t = DeviceTensor.allocate(shape, OrtApi.FLOAT);
    int n = (int) DeviceTensor.elements(shape);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = base + i;
    }
    t.write(0, v, 0, n);
    return t;
  }

  @Test
  void gatherKeepsTheChosenRowsInOrder() throws Exception {
    try (OrtSession.SessionOptions o = OnnxSessions.options(OnnxSessions.Settings.defaults().withThreads(1));
        RowGather gather = RowGather.open(ENV, o, ExecutionDevice.CPU, 2, 4);
        DeviceTensor a = filled(new long[] {3, 2, 1, 2}, 0);
        DeviceTensor b = filled(new long[] {3, 2, 1, 2}, 1000)) {
      for (int round = 0; round < 3; round++) { // the binding is cleared and reused
        List<DeviceTensor> out = gather.keep(List.of(a, b), new int[] {2, 0, 9}, 2);
        try {
          assertEquals(2, out.size());
          assertArrayEquals(new long[] {2, 2, 1, 2}, out.get(0).shape());
          float[] got = new float[8];
          out.get(0).read(0, got, 0, 8);
          assertArrayEquals(new float[] {8, 9, 10, 11, 0, 1, 2, 3}, got);
          out.get(1).read(0, got, 0, 8);
          assertArrayEquals(new float[] {1008, 1009, 1010, 1011, 1000, 1001, 1002, 1003}, got);
        } finally {
          out.forEach(DeviceTensor::close);
        }
      }
      assertThrows(IllegalArgumentException.class, () -> gather.keep(List.of(a), new int[] {0}, 1));
    }
  }

  @Test
  void anUnknownInputNameIsOrtsClearError() throws Exception {
    try (OrtSession.SessionOptions o = OnnxSessions.options(OnnxSessions.Settings.defaults().withThreads(1));
        OrtSession s = ENV.createSession(RowGather.model(1, 2), o);
        BoundSession bound = BoundSession.open(s, ExecutionDevice.CPU);
        DeviceTensor x = filled(new long[] {2, 2}, 0)) {
      ModelException e = assertThrows(ModelException.class, () -> bound.bindInput("no_such_input", x));
      assertTrue(e.getMessage().startsWith("ONNX Runtime BindInput(no_such_input) failed"), e.getMessage());
    }
  }

  @Test
  void cudaBindingOnTheCpuBuildIsRefusedWithTheFix() throws Exception {
    // the CPU build of ONNX Runtime (this machine's) asked for CUDA memory: one clear error, every time
    Assumptions.assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "a CUDA build");
    try (OrtSession.SessionOptions o = OnnxSessions.options(OnnxSessions.Settings.defaults().withThreads(1));
        OrtSession s = ENV.createSession(RowGather.model(1, 2), o)) {
      ModelException e = assertThrows(ModelException.class, () -> BoundSession.open(s, ExecutionDevice.cuda(0)));
      assertTrue(e.getMessage().contains("no CUDA execution provider") && e.getMessage().contains("-Pgpu"), e.getMessage());
    }
  }

  @Test
  void theGatherGraphPassesOnnxsOwnChecker(@TempDir Path dir) throws IOException, InterruptedException {
    Path py = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(py), "no /usr/bin/python3");
    Path model = dir.resolve("gather.onnx");
    Files.write(model, RowGather.model(4, 4));
    Process p = new ProcessBuilder(py.toString(), "-c",
        "import sys\ntry:\n import onnx\nexcept ImportError:\n sys.exit(3)\n"
            + "m = onnx.load(sys.argv[1]); onnx.checker.check_model(m, full_check=True)\n"
            + "print(len(m.graph.node), [n.op_type for n in m.graph.node][0], m.opset_import[0].version)",
        model.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    Assumptions.assumeTrue(p.exitValue() != 3, "python3-onnx is not installed");
    assertEquals(0, p.exitValue(), out);
    assertEquals("4 Gather 13", out);
  }
}
