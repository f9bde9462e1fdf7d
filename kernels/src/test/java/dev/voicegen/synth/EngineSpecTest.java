package dev.voicegen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSpecTest {
  @TempDir Path dir;

  @Test
  void autoFallsBackToEspeakWithoutAModel() {
    assertEquals(EngineSpec.Kind.ESPEAK, EngineSpec.resolve("auto", dir.toString(), "cpu", "espeak-ng").kind());
  }

  @Test
  void xttsWithoutAModelIsAClearStartupError() {
    EngineUnavailableException e =
        assertThrows(EngineUnavailableException.class,
            () -> EngineSpec.resolve("xtts", dir.resolve("none").toString(), "cpu", "espeak-ng"));
    assertTrue(e.getMessage().contains("--modelDir"), e.getMessage());
    assertTrue(e.getMessage().contains("metadata.json"), e.getMessage());
  }

  @Test
  void unknownEngineIsRejected() {
    assertThrows(EngineUnavailableException.class, () -> EngineSpec.resolve("tacotron", null, "cpu", "espeak-ng"));
  }

  @Test
  void missingEspeakSaysHowToInstallIt() {
    EngineUnavailableException e =
        assertThrows(EngineUnavailableException.class, () -> EspeakEngine.probeVersion("/nonexistent/espeak-ng"));
    assertTrue(e.getMessage().contains("apt-get install -y espeak-ng"), e.getMessage());
  }

  @Test
  void espeakSpeaksEveryLanguageAndKeepsTextOutOfItsOptions() throws IOException {
    EspeakEngine engine = EspeakEngine.load("espeak-ng");
    List<SynthesisRequest> batch =
        List.of(
            new SynthesisRequest("a", "--version is not an option here", "en", "h", null),
            new SynthesisRequest("b", "Guten Tag", "de", "h", null),
            new SynthesisRequest("c", "你好", "zh-cn", "h", null));
    List<SynthesisResult> results = engine.synthesize(batch);
    assertEquals(3, results.size());
    for (SynthesisResult r : results) {
      assertTrue(r.ok(), r.message());
      assertEquals(22050, r.audio().sampleRate());
      assertTrue(r.audio().durationSeconds() > 0.3, "real speech, not a header");
    }
    assertEquals(false, engine.clones());
  }

  @Test
  void sharedEngineIsLoadedOncePerJvmAndClosedByTheLastUser() {
    EngineSpec spec = EngineSpec.espeak("espeak-ng");
    SpeechEngine first = SharedEngines.acquire(spec);
    SpeechEngine second = SharedEngines.acquire(spec);
    assertTrue(first == second);
    assertEquals(2, SharedEngines.users(spec));
    SharedEngines.release(spec);
    SharedEngines.release(spec);
    assertEquals(0, SharedEngines.users(spec));
  }
}
