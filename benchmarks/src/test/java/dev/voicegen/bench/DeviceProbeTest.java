package dev.voicegen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.TestFiles;
import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.xtts.XttsModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeviceProbe on the tiny fixture: what it prints on CPU, that it probes whatever a probe record
 * holds, and its refusal of CUDA on ONNX Runtime's CPU build.
 */
class DeviceProbeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * The probe runs every graph on the device even when a probe record of the model says otherwise
   * (a record this test forges after a first run; a plain load reads it, so it is a valid one).
   */
  @Test
  void runsTheBatchingProbeWhateverARecordHolds(@TempDir Path tmp) throws Exception {
    String cache = System.getenv("VOICEGEN_CACHE_DIR");
    assumeTrue(cache != null, "surefire sets VOICEGEN_CACHE_DIR");
    Path records = Path.of(cache, "xtts-probe");
    Path model = TestFiles.copyTree(BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS), tmp.resolve("m"));
    Set<Path> before = recordFiles(records);
    String[] args = {"--device=cpu", "--modelDir=" + model};
    DeviceProbe.run(args, new PrintStream(new ByteArrayOutputStream()));
    Set<Path> made = recordFiles(records);
    made.removeAll(before);
    assertEquals(1, made.size(), made.toString());
    Path record = made.iterator().next();
    try {
      ObjectNode n = (ObjectNode) JSON.readTree(record.toFile());
      n.put("on", false);
      n.put("reason", "recorded, not probed");
      JSON.writeValue(record.toFile(), n);
      try (XttsModel m = XttsModel.load(model, OnnxSessions.Settings.defaults())) {
        assertEquals("off (recorded, not probed)", m.batching().toString(), "a plain load reads the record");
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DeviceProbe.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      assertTrue(bytes.toString(StandardCharsets.UTF_8).strip().endsWith(" batching=on"), bytes.toString());
    } finally {
      Files.deleteIfExists(record);
    }
  }

  private static Set<Path> recordFiles(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return new HashSet<>();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".json")).collect(Collectors.toCollection(HashSet::new));
    }
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
