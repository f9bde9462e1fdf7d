package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.onnx.ModelException;
import org.junit.jupiter.api.Test;

class OnnxSessionsTest {
  @Test
  void cudaOnTheCpuBuildFailsClearly() {
    OnnxSessions.Settings cuda = OnnxSessions.Settings.defaults().withDevice(ExecutionDevice.parse("cuda"));
    ModelException e = assertThrows(ModelException.class, () -> XttsModel.load(TinyModel.dir(), cuda));
    assertTrue(e.getMessage().startsWith("--device=cuda: CUDA execution provider cannot load: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("; " + ExecutionDevice.HOW_TO_GET_CUDA),
        e.getMessage());
  }

  @Test
  void parsesDeviceOption() {
    assertEquals(ExecutionDevice.CPU, ExecutionDevice.parse("cpu"));
    assertEquals(ExecutionDevice.cuda(0), ExecutionDevice.parse("CUDA"));
    assertEquals(ExecutionDevice.cuda(2), ExecutionDevice.parse("cuda:2"));
    assertEquals("cuda:2", ExecutionDevice.cuda(2).toString());
    assertThrows(IllegalArgumentException.class, () -> ExecutionDevice.parse("tpu"));
  }

  @Test
  void cpuOptionsBuild() {
    OnnxSessions.options(OnnxSessions.Settings.defaults()).close();
    assertEquals(Runtime.getRuntime().availableProcessors(), OnnxSessions.Settings.defaults().effectiveThreads());
    assertEquals(3, OnnxSessions.Settings.defaults().withThreads(3).effectiveThreads());
  }
}
