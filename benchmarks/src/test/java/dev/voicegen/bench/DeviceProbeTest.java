package dev.voicegen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.voicegen.onnx.ExecutionDevice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeviceProbe on the tiny fixture: what it prints on CPU, and its refusal of CUDA on ONNX Runtime's CPU build. */
class DeviceProbeTest {
  @Test
  void loadsTheTinyModelOnCpuAndPrintsTheRuntime() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      DeviceProbe.run(new String[] {"--device=cpu"}, out);
    }
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length, String.join("\n", lines));
    assertTrue(lines[0].startsWith("probe onnxruntime=" + OrtEnvironment.getEnvironment().getVersion()
        + " providers="), lines[0]);
    assertTrue(lines[0].contains("CPU"), lines[0]);
    assertTrue(lines[0].contains(" library=\"/") && lines[0].endsWith("/libonnxruntime.so, from the onnxruntime jar\""),
        lines[0]);
    assertTrue(lines[1].startsWith("probe device=cpu model="), lines[1]);
    assertTrue(lines[1].contains(" layers=2 dim=64 "), lines[1]);
    assertTrue(lines[1].endsWith(" batching=on"), lines[1]);
  }

  @Test
  void cudaOnTheCpuBuildSaysWhichBuildIsNeeded() {
    assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "the -Dgpu build");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> DeviceProbe.run(new String[] {"--device=cuda"}, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().endsWith("from the onnxruntime jar) has no CUDA execution provider (a CPU build): "
        + ExecutionDevice.HOW_TO_GET_CUDA), e.getMessage());
  }

  @Test
  void aDirectoryWithoutAModelIsRefused(@TempDir Path empty) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DeviceProbe.run(new String[] {"--modelDir=" + empty}, new PrintStream(new ByteArrayOutputStream())));
    assertEquals("--modelDir=" + empty + ": no metadata.json", e.getMessage());
  }
}
