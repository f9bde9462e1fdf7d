package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.pipeline.common.OutputLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transcribe --output}: the same ownership as a run (issue 12), with the tiny Whisper fixture. */
class TranscribeOutputSafetyTest {
  @TempDir Path work;
  private String stderr;

  private int transcribe(Path input, Path output) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new VoicegenCli(new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true))
            .execute(new String[] {"transcribe", "--input=" + input + "/**", "--output=" + output,
                "--modelDir=" + TranscribeJobTest.TINY, "--batchSize=2", "--onnxThreads=1"});
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  private Path corpus(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.copy(TranscribeJobTest.DEMO_VOICES.resolve("alice.wav"), dir.resolve("alice.wav"));
    return dir;
  }

  @Test
  void aRerunKeepsTheUserFilesAndForeignFoldersAreRefused() throws IOException {
    Path corpus = corpus(work.resolve("corpus"));
    Path output = work.resolve("out");
    assertEquals(0, transcribe(corpus, output), () -> stderr);
    Map<String, String> user = new TreeMap<>();
    user.put("transcripts/my_notes.txt", "notes");
    user.put("errors/mine.parquet.bak", "backup");
    user.put("_temp/keep.txt", "mine");
    for (Map.Entry<String, String> e : user.entrySet()) {
      Files.createDirectories(output.resolve(e.getKey()).getParent());
      Files.writeString(output.resolve(e.getKey()), e.getValue());
    }
    assertEquals(0, transcribe(corpus, output), () -> stderr);
    for (Map.Entry<String, String> e : user.entrySet()) {
      assertEquals(e.getValue(), Files.readString(output.resolve(e.getKey())), e.getKey());
    }
    assertTrue(Files.isRegularFile(output.resolve(OutputLayout.SUMMARY)));

    // a folder voicegen does not own
    Path foreign = Files.createDirectories(work.resolve("foreign"));
    Files.writeString(foreign.resolve("thesis.tex"), "years of work");
    assertEquals(2, transcribe(corpus, foreign));
    assertContains(stderr, "is not a voicegen output");
    assertEquals(Set.of("thesis.tex"), OutputSafetyTest.snapshot(foreign).keySet());

    // the corpus inside the output
    Path inner = corpus(output.resolve("corpus"));
    assertEquals(2, transcribe(inner, output));
    assertContains(stderr, "contains the --input files");
    assertTrue(Files.isRegularFile(inner.resolve("alice.wav")));

    // another job of this process holds the folder
    try (OutputLock held = OutputLock.acquire("test", new OutputLayout(output.toString()))) {
      assertEquals(2, transcribe(corpus, output));
      assertContains(stderr, "in use by another job of this process");
    }
  }
}
