package dev.voicegen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench-pipeline's --device reaches both halves: the engine it loads and the run job's command line;
 * --qualityModelDir reaches the job, and the job's line says which quality models it had.
 */
class PipelineThroughputDeviceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theJobGetsTheDeviceAndTheQualityModels(@TempDir Path work) {
    List<String> command = PipelineThroughput.jobCommand(Path.of("voicegen.jar"), work.resolve("m.csv"),
        work.resolve("out"), Path.of("model"), "cuda:1", 16, 41, work.resolve("qm"), work);
    assertTrue(command.contains("--device=cuda:1"), command.toString());
    assertTrue(command.contains("--engine=xtts"), command.toString());
    assertTrue(command.contains("--qualityModelDir=" + work.resolve("qm")), command.toString());
  }

  @Test
  void theQualityModelsTheJobHad() throws Exception {
    assertEquals("dnsmos+silero_vad", PipelineThroughput.qualityModels(
        JSON.readTree("{\"quality_models\": {\"dir\": \"m\", \"dnsmos\": true, \"silero_vad\": true}}")));
    assertEquals("silero_vad", PipelineThroughput.qualityModels(
        JSON.readTree("{\"quality_models\": {\"dir\": \"m\", \"dnsmos\": false, \"silero_vad\": true}}")));
    assertEquals("dnsmos", PipelineThroughput.qualityModels(
        JSON.readTree("{\"quality_models\": {\"dir\": \"m\", \"dnsmos\": true, \"silero_vad\": false}}")));
    assertEquals("none", PipelineThroughput.qualityModels(
        JSON.readTree("{\"quality_models\": {\"dir\": \"m\", \"dnsmos\": false, \"silero_vad\": false}}")));
    assertEquals("unknown", PipelineThroughput.qualityModels(JSON.readTree("{\"rows_ok\": 3}")));
  }

  @Test
  void theEngineLoadsOnTheDevice(@TempDir Path work) throws Exception {
    assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "the -Dgpu build");
    Path tiny = BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS);
    Path manifest = PipelineThroughput.writeManifest(work, 2);
    // on ONNX Runtime's CPU build a CUDA engine cannot load: the engine was asked for CUDA, not CPU
    RuntimeException e = assertThrows(RuntimeException.class, () -> PipelineThroughput.engineAlone(tiny, "cuda",
        manifest, 2, 2, 5, new PrintStream(new ByteArrayOutputStream())));
    assertTrue(e.getMessage().contains("--device=cuda"), e.getMessage());
  }
}
