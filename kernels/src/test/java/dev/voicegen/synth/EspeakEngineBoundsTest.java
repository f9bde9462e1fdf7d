package dev.voicegen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The espeak-ng engine stays within its deadline and output cap whatever the program does: fake
 * espeak-ng scripts that print or write forever are killed, and every temporary file is in the
 * engine's own folder under the given parent and gone afterwards.
 */
class EspeakEngineBoundsTest {
  @TempDir Path dir;

  private Path fakeEspeak(String body) throws IOException {
    Path script = dir.resolve("fake-espeak-ng");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private EspeakEngine engine(Path executable, Duration timeout, long cap) {
    return new EspeakEngine(
        executable.toString(), "test", new BoundedProcess(timeout, cap),
        EspeakEngine.workFolder(dir.resolve("_temp").toString()));
  }

  private static SynthesisResult speak(EspeakEngine engine, String text) {
    return engine.synthesize(List.of(new SynthesisRequest("r1", text, "en", "sha", null))).get(0);
  }

  private long filesUnder(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void aProgramThatPrintsForeverIsKilledAtTheDeadline() throws IOException {
    // before: the engine read the program's output to its end before its timeout could fire
    EspeakEngine engine = engine(fakeEspeak("exec yes 'chatter chatter chatter'"), Duration.ofSeconds(2), 1 << 20);
    long start = System.nanoTime();
    SynthesisResult r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> speak(engine, "hello"));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertFalse(r.ok());
    assertEquals("timeout", r.errorClass(), r.message());
    assertTrue(r.message().contains("2 s"), r.message());
    assertTrue(seconds < 10, "killed near the 2 s deadline, not after " + seconds + " s");
    assertEquals(0, filesUnder(dir.resolve("_temp")), "the row's files are removed");
  }

  @Test
  void aProgramThatWritesForeverIsKilledAtTheOutputCap() throws IOException {
    String body =
        "while [ $# -gt 1 ] && [ \"$1\" != -w ]; do shift; done\n"
            + "while :; do head -c 65536 /dev/zero; sleep 0.01; done > \"$2\"";
    EspeakEngine engine = engine(fakeEspeak(body), Duration.ofSeconds(60), 1 << 20);
    long start = System.nanoTime();
    SynthesisResult r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> speak(engine, "hello"));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals("output_too_long", r.errorClass(), r.message());
    assertTrue(seconds < 20, "killed at the cap, long before the 60 s deadline: " + seconds + " s");
    assertEquals(0, filesUnder(dir.resolve("_temp")), "the capped file is removed");
    engine.close();
    assertFalse(Files.exists(dir.resolve("_temp")) && filesUnder(dir.resolve("_temp")) > 0);
  }

  @Test
  void realEspeakSpeaksInItsOwnFolderAndALongTextIsCut() throws IOException {
    String version;
    try {
      version = EspeakEngine.probeVersion("espeak-ng");
    } catch (EngineUnavailableException e) {
      version = null;
    }
    assumeTrue(version != null, "espeak-ng is not installed");
    Path parent = dir.resolve("_temp");
    EspeakEngine engine =
        new EspeakEngine("espeak-ng", version, new BoundedProcess(Duration.ofSeconds(60), 200_000),
            EspeakEngine.workFolder(parent.toString()));
    SynthesisResult ok = speak(engine, "-v de --help is only text here.");
    assertTrue(ok.ok(), ok.message());
    assertTrue(ok.audio().durationSeconds() > 1, "spoken: " + ok.audio().durationSeconds());
    try (Stream<Path> folders = Files.list(parent)) {
      assertEquals(1, folders.count(), "the engine's one folder under the parent");
    }
    assertEquals(0, filesUnder(parent), "no file left after the row");
    // 200 kB is about 4.5 s of espeak-ng's 22050 Hz audio: a paragraph goes past it
    SynthesisResult cut = speak(engine, "This sentence is spoken again and again. ".repeat(200));
    assertEquals("output_too_long", cut.errorClass(), cut.message());
    assertEquals(0, filesUnder(parent));
    engine.close();
    try (Stream<Path> folders = Files.list(parent)) {
      assertEquals(0, folders.count(), "close removes the engine's folder");
    }
  }
}
