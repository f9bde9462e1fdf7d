package dev.voicegen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.TestFiles;
import dev.voicegen.models.ModelFile;
import dev.voicegen.models.ModelLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSpecTest {
  @TempDir Path dir;

  static final Path FIXTURE = Path.of("src/test/resources/xtts/tiny");

  @Test
  void autoFallsBackToEspeakOnlyWhenNoModelDirectoryExists() {
    assertEquals(EngineSpec.Kind.ESPEAK,
        EngineSpec.resolve("auto", dir.resolve("none").toString(), "cpu", "espeak-ng").kind());
    EngineSpec xtts = EngineSpec.resolve("auto", TestFiles.copyTree(FIXTURE, dir.resolve("m")).toString(), "cpu", "espeak-ng");
    assertEquals(EngineSpec.Kind.XTTS, xtts.kind());
  }

  /** No silent fallback: a directory that exists but cannot load stops the job, naming every file. */
  @Test
  void anIncompleteModelDirectoryIsAStartupErrorNamingEveryMissingFile() throws IOException {
    for (String engine : new String[] {"auto", "xtts"}) {
      EngineUnavailableException empty = assertThrows(EngineUnavailableException.class,
          () -> EngineSpec.resolve(engine, dir.toString(), "cpu", "espeak-ng"));
      for (String f : new String[] {"metadata.json", "vocab.json", "mel_stats.npy", "embeddings/text_embedding.npy"}) {
        assertTrue(empty.getMessage().contains(f + ": missing"), empty.getMessage());
      }
      assertTrue(empty.getMessage().startsWith("--engine=" + engine + ": the model directory "), empty.getMessage());
      assertFalse(empty.getMessage().contains("\n"), "one line");
    }
    Path model = TestFiles.copyTree(FIXTURE, dir.resolve("partial"));
    Files.delete(model.resolve("gpt_model.onnx"));
    Files.delete(model.resolve("embeddings/mel_embedding.npy"));
    String m = assertThrows(EngineUnavailableException.class,
        () -> EngineSpec.resolve("auto", model.toString(), "cpu", "espeak-ng")).getMessage();
    assertTrue(m.contains("gpt_model.onnx: missing") && m.contains("embeddings/mel_embedding.npy: missing"), m);
    assertFalse(m.contains("vocab.json"), "only the bad files: " + m);
  }

  @Test
  void aFileThatNoLongerHasThePulledSizeOrABadShapeIsNamed() throws IOException {
    Path model = TestFiles.copyTree(FIXTURE, dir.resolve("m"));
    long size = Files.size(model.resolve("vocab.json"));
    new ModelLock("xtts-v2", "here", "main", "c", "CPML-1.0",
        List.of(new ModelFile("vocab.json", size + 7, null))).write(model);
    String m = assertThrows(EngineUnavailableException.class,
        () -> EngineSpec.resolve("auto", model.toString(), "cpu", "espeak-ng")).getMessage();
    assertTrue(m.contains("vocab.json: " + size + " bytes, voicegen-model.lock.json says " + (size + 7)), m);

    Path shaped = TestFiles.copyTree(FIXTURE, dir.resolve("shaped"));
    Files.copy(shaped.resolve("embeddings/text_pos_embedding.npy"), shaped.resolve("mel_stats.npy"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String s = assertThrows(EngineUnavailableException.class,
        () -> EngineSpec.resolve("xtts", shaped.toString(), "cpu", "espeak-ng")).getMessage();
    assertTrue(s.contains("mel_stats.npy: shape"), s);
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
