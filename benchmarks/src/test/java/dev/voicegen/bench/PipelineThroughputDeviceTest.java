package dev.voicegen.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-pipeline's --device reaches both halves: the engine it loads and the run job's command line. */
class PipelineThroughputDeviceTest {
  @Test
  void theJobGetsTheDevice(@TempDir Path work) {
    List<String> command = PipelineThroughput.jobCommand(Path.of("voicegen.jar"), work.resolve("m.csv"),
        work.resolve("out"), Path.of("model"), "cuda:1", 16, 41, work);
    assertTrue(command.contains("--device=cuda:1"), command.toString());
    assertTrue(command.contains("--engine=xtts"), command.toString());
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
