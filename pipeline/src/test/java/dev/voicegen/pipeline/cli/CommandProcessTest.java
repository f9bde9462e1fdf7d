package dev.voicegen.pipeline.cli;

import dev.voicegen.audio.io.SparseWav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands as their own JVM, the way bin/voicegen starts them: with a small heap, a private
 * temporary folder, the installation's home and another working folder, to see what a process
 * leaves behind and how it copes with a heap too small for a sample.
 */
class CommandProcessTest {
  private static final Path ALICE = ManifestFixture.DEMO_VOICES.resolve("alice.wav");
  /** The production logging set-up, not the test one that the test class path would pick. */
  private static final Path LOG4J = Path.of("target", "classes", "log4j2.xml").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  record Result(int status, String stdout, String stderr) {}

  private Result voicegen(String heap, Path tmp, Path home, Path cwd, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + heap, "-Djava.io.tmpdir=" + tmp, "-Dvoicegen.home=" + home,
        "-Dlog4j2.configurationFile=" + LOG4J,
        "-cp", System.getProperty("java.class.path"), VoicegenCli.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process p = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("no end in 300 s: " + Files.readString(err));
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aRunLeavesNoOnnxRuntimeFolderAndLogsUnderItsHome() throws Exception {
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    Path home = Files.createDirectory(dir.resolve("home"));
    Path cwd = Files.createDirectory(dir.resolve("elsewhere"));
    Path manifest = Files.writeString(dir.resolve("m.csv"), "id,text,speaker_wav\na,Hello.," + ALICE + "\n");
    // a dry run logs the ONNX Runtime version, which loads its native libraries
    Result r = voicegen("256m", tmp, home, cwd, "run", "--manifest=" + manifest,
        "--output=" + dir.resolve("out"), "--dryRun");
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stderr().contains("ONNX Runtime 1."), "ONNX Runtime was loaded: " + r.stderr());
    assertEquals(List.of(), names(tmp).stream().filter(n -> n.startsWith("onnxruntime-java")).toList(),
        "the loader's folder is removed");
    assertEquals(List.of(), names(cwd), "nothing in the working folder");
    assertTrue(Files.isRegularFile(home.resolve("logs/voice_cloning.log")), names(home).toString());
  }

  @Test
  void analyzeRefusesASampleTooLargeForTheHeapAndGoesOn() throws Exception {
    // 20 min of 48 kHz stereo: 230 MB as 16-bit samples, in a 96 MB heap
    Path big = SparseWav.write(dir.resolve("twenty-minutes.wav"), 48_000, 2, 1200);
    Result r = voicegen("96m", dir, dir, dir, "analyze", big.toString(), ALICE.toString(), "--json");
    assertEquals(1, r.status(), r.stderr());
    assertFalse(r.stderr().contains("OutOfMemoryError"), r.stderr());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : r.stdout().strip().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertEquals(2, lines.size(), r.stdout());
    String error = lines.get(0).path("error").asText();
    assertTrue(error.startsWith(big + ": declares 1200 s of audio (2 channel(s) at 48000 Hz), 219 MB"
        + " decoded: more than half of this JVM's"), error);
    assertEquals(ALICE.toString(), lines.get(1).path("path").asText());
    assertTrue(lines.get(1).path("duration_s").asDouble() > 1, "the good file is analyzed");
  }

  /**
   * 20 minutes of 48 kHz stereo FLAC (230 MB as 16-bit samples) whose STREAMINFO states no length,
   * as a streamed encoder leaves it: nothing tells the decoder the size before it runs out of heap.
   */
  private Path flacOfUnknownLength() throws Exception {
    Path flac = dir.resolve("unknown-length.flac");
    Process sox = new ProcessBuilder("sox", "-n", "-r", "48000", "-c", "2", "-b", "16", flac.toString(),
        "synth", "1200", "sine", "300", "vol", "0.3").redirectErrorStream(true).start();
    org.junit.jupiter.api.Assumptions.assumeTrue(sox.waitFor(120, TimeUnit.SECONDS) && sox.exitValue() == 0,
        "sox with FLAC support is not installed");
    byte[] b = Files.readAllBytes(flac);
    assertEquals("fLaC", new String(b, 0, 4, StandardCharsets.US_ASCII));
    // STREAMINFO from byte 8: the 36-bit total sample count starts in the low half of byte 21
    b[21] &= (byte) 0xF0;
    for (int i = 22; i < 42; i++) {
      b[i] = 0; // the count's last 4 bytes, then the MD5 (zero: not known)
    }
    return Files.write(flac, b);
  }

  @Test
  void runningOutOfHeapOnOneSampleFailsOnlyItsRows() throws Exception {
    Path flac = flacOfUnknownLength();
    Result a = voicegen("96m", dir, dir, dir, "analyze", flac.toString(), ALICE.toString());
    assertEquals(1, a.status(), a.stderr());
    assertTrue(a.stderr().contains(flac + ": ran out of memory (heap "), a.stderr());
    assertTrue(a.stdout().contains("seed score"), "the good file is analyzed: " + a.stdout());

    Path manifest = Files.writeString(dir.resolve("m.csv"),
        "id,text,speaker_wav\nbig,Hello.," + flac + "\ngood,Hello.," + ALICE + "\n");
    Path output = dir.resolve("out");
    Result r = voicegen("192m", dir, dir, dir, "run", "--manifest=" + manifest,
        "--output=" + output, "--engine=espeak");
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().contains("rows_in=2 rows_ok=1 rows_failed=1"), r.stdout());
    var errors = Datasets.errors(output);
    assertEquals("reference_too_long", Datasets.str(errors.get(0), "error_class"));
    Datasets.assertContains(Datasets.str(errors.get(0), "message"), "ran out of memory decoding");
  }

  @Test
  void aRunFailsOnlyTheRowsOfASampleTooLargeForTheHeap() throws Exception {
    Path big = SparseWav.write(dir.resolve("twenty-minutes.wav"), 48_000, 2, 1200);
    Path manifest = Files.writeString(dir.resolve("m.csv"),
        "id,text,speaker_wav\nbig,Hello.," + big + "\ngood,Hello.," + ALICE + "\n");
    Path output = dir.resolve("out");
    Result r = voicegen("256m", dir, dir, dir, "run", "--manifest=" + manifest,
        "--output=" + output, "--engine=espeak");
    assertEquals(0, r.status(), r.stderr());
    assertTrue(r.stdout().contains("rows_in=2 rows_ok=1 rows_failed=1"), r.stdout());
    var errors = Datasets.errors(output);
    assertEquals(1, errors.size());
    assertEquals("big", Datasets.str(errors.get(0), "id"));
    assertEquals("reference_too_long", Datasets.str(errors.get(0), "error_class"));
    Datasets.assertContains(Datasets.str(errors.get(0), "message"), "more than half of this JVM's");
  }
}
