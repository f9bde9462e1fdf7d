package dev.voicegen.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.pipeline.run.RunJob;
import dev.voicegen.pipeline.run.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample commands and option parsing under a hostile user: special files, unwritable outputs
 * and malformed or non-finite numbers each give one line with the true reason, never a hang or a
 * stack trace.
 */
class HostileInputCliTest {
  private static final Path ALICE = ManifestFixture.DEMO_VOICES.resolve("alice.wav");
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> new VoicegenCli(new PrintStream(out, true), new PrintStream(err, true)).execute(args));
  }

  private Path fifo(String name) throws IOException, InterruptedException {
    Path fifo = dir.resolve(name);
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo failed");
    return fifo;
  }

  private Path symlinkLoop() throws IOException {
    Path a = dir.resolve("loop-a.wav");
    Files.createSymbolicLink(a, dir.resolve("loop-b.wav"));
    Files.createSymbolicLink(dir.resolve("loop-b.wav"), a);
    return a;
  }

  private List<String> errLines() {
    return err.toString().strip().lines().toList();
  }

  @Test
  void analyzeNamesTheTrueReasonOfEachSpecialFileAndGoesOn() throws Exception {
    Path fifo = fifo("pipe.wav");
    Path loop = symlinkLoop();
    int status = run("analyze", fifo.toString(), "/dev/zero", "/dev/urandom", "/proc/self/environ",
        loop.toString(), dir.toString(), ALICE.toString());
    assertEquals(1, status, err.toString());
    List<String> lines = errLines();
    assertEquals(List.of(
        fifo + ": is a FIFO (named pipe)",
        "/dev/zero: is a character device",
        "/dev/urandom: is a character device",
        "/proc/self/environ: is on the proc pseudo file system, not a file of audio",
        loop + ": symbolic link loop",
        dir + ": is a directory, not a file"), lines);
    assertTrue(out.toString().contains("seed score"), "the good file is still analyzed: " + out);
  }

  @Test
  void processAndCloneRefuseAFifoInput() throws Exception {
    Path fifo = fifo("in.wav");
    assertEquals(2, run("preprocess", fifo.toString(), dir.resolve("o.wav").toString()));
    assertEquals(2, run("optimize", "/dev/zero", dir.resolve("o.wav").toString()));
    assertEquals(2, run("clone", "--text=Hello.", "--speaker-wav=" + fifo, "--language=en",
        "--engine=espeak", "--output=" + dir.resolve("c.wav")));
    assertEquals(List.of(
        "voicegen: " + fifo + ": is a FIFO (named pipe)",
        "voicegen: /dev/zero: is a character device",
        "voicegen: " + fifo + ": is a FIFO (named pipe)"), errLines());
    assertFalse(Files.exists(dir.resolve("o.wav")) || Files.exists(dir.resolve("c.wav")));
  }

  @Test
  void unwritableOutIsRefusedBeforeTheWorkInOneLine() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file.txt"), "x");
    Path outFifo = fifo("out.wav");
    assertEquals(2, run("preprocess", ALICE.toString(), dir.resolve("no/such/folder/o.wav").toString()));
    assertEquals(2, run("optimize", ALICE.toString(), dir.toString()));
    assertEquals(2, run("preprocess", ALICE.toString(), notAFolder.resolve("o.wav").toString()));
    assertEquals(2, run("optimize", ALICE.toString(), outFifo.toString()));
    assertEquals(2, run("clone", "--text=Hello.", "--speaker-wav=" + ALICE, "--language=en",
        "--engine=espeak", "--output=" + dir.resolve("missing/c.wav")));
    List<String> lines = errLines();
    assertEquals(5, lines.size(), err.toString());
    assertEquals("voicegen: preprocess OUT " + dir.resolve("no/such/folder/o.wav") + ": folder "
        + dir.resolve("no/such/folder") + " does not exist", lines.get(0));
    assertEquals("voicegen: optimize OUT " + dir + ": is a directory, not a file", lines.get(1));
    assertEquals("voicegen: preprocess OUT " + notAFolder.resolve("o.wav") + ": " + notAFolder
        + " is not a folder", lines.get(2));
    assertEquals("voicegen: optimize OUT " + outFifo + ": is a FIFO (named pipe)", lines.get(3));
    assertTrue(lines.get(4).startsWith("voicegen: clone --output " + dir.resolve("missing/c.wav")),
        lines.get(4));
    assertEquals(0, out.size(), "no work was done: " + out);
  }

  @Test
  void readOnlyFolderIsRefused() throws Exception {
    assumeTrue(!"root".equals(System.getProperty("user.name")), "root writes anywhere");
    Path locked = Files.createDirectory(dir.resolve("locked"));
    locked.toFile().setWritable(false);
    assertEquals(2, run("preprocess", ALICE.toString(), locked.resolve("o.wav").toString()));
    assertTrue(err.toString().contains("permission denied"), err.toString());
  }

  @Test
  void malformedNumbersNameTheOptionAndTheType() throws Exception {
    Path manifest = Files.writeString(dir.resolve("m.csv"), "id,text,speaker_wav\na,b," + ALICE + "\n");
    String m = "--manifest=" + manifest;
    String o = "--output=" + dir.resolve("out");
    assertEquals(2, run("run", m, o, "--batchSize=abc"));
    assertEquals(2, run("run", m, o, "--outputLufs=NaN"));
    assertEquals(2, run("run", m, o, "--temperature=Infinity"));
    assertEquals(2, run("run", m, o, "--maxCer=-Infinity", "--verifyAsr"));
    assertEquals(2, run("run", m, o, "--resume=maybe"));
    assertEquals(2, run("transcribe", "--input=" + ALICE, o, "--batchSize=8x"));
    assertEquals(2, run("transcribe", "--input=" + ALICE, o, "--mfcc=1.5"));
    Path config = Files.writeString(dir.resolve("c.properties"), "progressSeconds=NaN\n");
    assertEquals(2, run("run", m, o, "--config=" + config));
    assertEquals(List.of(
        "voicegen: --batchSize=abc: expected a whole number (int, up to 2147483647)",
        "voicegen: --outputLufs=NaN: expected a finite number",
        "voicegen: --temperature=Infinity: expected a finite number",
        "voicegen: --maxCer=-Infinity: expected a finite number",
        "voicegen: --resume=maybe: expected true or false",
        "voicegen: --batchSize=8x: expected a whole number (int, up to 2147483647)",
        "voicegen: --mfcc=1.5: expected a whole number (int, up to 2147483647)",
        "voicegen: --progressSeconds=NaN: expected a finite number"), errLines());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void nonFiniteValuesSetInCodeAreRefusedAtStart() throws Exception {
    Path manifest = Files.writeString(dir.resolve("m.csv"), "id,text,speaker_wav\na,b," + ALICE + "\n");
    RunOptions o = VoicegenCli.parseOptions(new String[] {
        "--manifest=" + manifest, "--output=" + dir.resolve("out"), "--engine=espeak"});
    o.setOutputLufs(Double.NaN);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> RunJob.run(o));
    assertEquals("--outputLufs=NaN: expected a finite number", e.getMessage());
    assertFalse(Files.exists(dir.resolve("out")));
  }
}
