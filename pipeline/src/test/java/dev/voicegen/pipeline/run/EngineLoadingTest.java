package dev.voicegen.pipeline.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.TestFiles;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.pipeline.common.EngineLabel;
import dev.voicegen.synth.EngineSpec;
import dev.voicegen.synth.SharedEngines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's engine load on its own thread: the same label, the same errors, no hold left behind. */
class EngineLoadingTest {
  static final Path TINY =
      Path.of("..", "kernels", "src", "test", "resources", "xtts", "tiny").toAbsolutePath().normalize();

  @TempDir Path work;

  @Test
  void awaitGivesTheLoadedEnginesLabelAndCloseGivesTheEngineBack() {
    EngineSpec spec = EngineSpec.resolve("xtts", TINY.toString(), "cpu", "espeak-ng");
    EngineLoading loading = EngineLoading.start(spec);
    EngineLabel label = loading.await();
    assertTrue(label.voiceCloned(), label.toString());
    assertTrue(label.name().startsWith("xtts-v2"), label.name());
    assertEquals(1, SharedEngines.users(spec));
    loading.close();
    assertEquals(0, SharedEngines.users(spec));
  }

  @Test
  void closedWhileStillLoadingTheEngineIsGivenBackWhenTheLoadEnds() throws InterruptedException {
    EngineSpec spec = EngineSpec.resolve("xtts", TINY.toString(), "cpu", "espeak-ng").withTempDir(work.toString());
    EngineLoading loading = EngineLoading.start(spec);
    loading.close(); // e.g. the manifest check failed while the model loaded
    long deadline = System.nanoTime() + 60_000_000_000L;
    boolean held = true;
    while (held && System.nanoTime() < deadline) {
      Thread.sleep(20);
      held = SharedEngines.users(spec) > 0 || loadingStillRunning();
    }
    assertEquals(0, SharedEngines.users(spec));
  }

  @Test
  void aModelThatCannotLoadFailsAtAwaitWithTheLoadsMessage() throws IOException {
    Path model = TestFiles.copyTree(TINY, work.resolve("model"));
    Files.writeString(model.resolve("hifigan_vocoder.onnx"), "not an ONNX graph");
    EngineSpec spec = EngineSpec.resolve("xtts", model.toString(), "cpu", "espeak-ng");
    EngineLoading loading = EngineLoading.start(spec);
    ConfigurationException e = assertThrows(ConfigurationException.class, loading::await);
    assertTrue(e.getMessage().contains("hifigan_vocoder.onnx"), e.getMessage());
    loading.close();
    assertEquals(0, SharedEngines.users(spec));
  }

  private static boolean loadingStillRunning() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("engine-load"));
  }
}
