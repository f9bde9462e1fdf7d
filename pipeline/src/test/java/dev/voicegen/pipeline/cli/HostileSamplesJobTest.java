package dev.voicegen.pipeline.cli;

import dev.voicegen.audio.io.SparseWav;
import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run whose rows name a FIFO, devices, a /proc file, a symbolic link loop, a directory and a
 * reference over the two-hour cap: those rows fail with the true reason, the good row is spoken,
 * and nothing hangs. Before, the FIFO hung the job and the others read as "empty (0 bytes)".
 */
class HostileSamplesJobTest {
  @TempDir Path dir;

  @Test
  void eachSpecialSampleFailsItsRowWithItsTrueReason() throws Exception {
    Path fifo = dir.resolve("pipe.wav");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo failed");
    Path loop = dir.resolve("loop-a.wav");
    Files.createSymbolicLink(loop, dir.resolve("loop-b.wav"));
    Files.createSymbolicLink(dir.resolve("loop-b.wav"), loop);
    Path folder = Files.createDirectory(dir.resolve("folder.wav"));
    Path tooLong = SparseWav.write(dir.resolve("two-hours.wav"), 8000, 1, 7260);
    Path alice = ManifestFixture.DEMO_VOICES.resolve("alice.wav");
    Map<String, String> rows = new HashMap<>();
    rows.put("fifo", fifo.toString());
    rows.put("zero", "/dev/zero");
    rows.put("urandom", "/dev/urandom");
    rows.put("environ", "/proc/self/environ");
    rows.put("loop", loop.toString());
    rows.put("folder", folder.toString());
    rows.put("long", tooLong.toString());
    rows.put("good", alice.toString());
    StringBuilder csv = new StringBuilder("id,text,speaker_wav,language\n");
    rows.forEach((id, wav) -> csv.append(id).append(",Hello there.,").append(wav).append(",en\n"));
    Path manifest = Files.writeString(dir.resolve("m.csv"), csv);
    Path output = dir.resolve("out");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = assertTimeoutPreemptively(Duration.ofSeconds(240), () ->
        new VoicegenCli(new PrintStream(out, true), System.err).execute(new String[] {
            "run", "--manifest=" + manifest, "--output=" + output, "--engine=espeak",
            "--logDir=" + dir.resolve("logs")}));
    assertEquals(0, status, out.toString());
    assertEquals(List.of("good"),
        Datasets.metadata(output).stream().map(r -> str(r, "id")).toList());
    Map<String, GenericRecord> errors = new HashMap<>();
    for (GenericRecord e : Datasets.errors(output)) {
      errors.put(str(e, "id"), e);
    }
    assertEquals(7, errors.size(), errors.keySet().toString());
    expect(errors, "fifo", "not_a_file", fifo + ": is a FIFO (named pipe)");
    expect(errors, "zero", "not_a_file", "/dev/zero: is a character device");
    expect(errors, "urandom", "not_a_file", "/dev/urandom: is a character device");
    expect(errors, "environ", "not_a_file", "/proc/self/environ: is on the proc pseudo file system");
    expect(errors, "loop", "symlink_loop", loop + ": symbolic link loop");
    expect(errors, "folder", "not_a_file", folder + ": is a directory, not a file");
    expect(errors, "long", "reference_too_long", "7260 s of audio, over the 2 h limit");
  }

  private static void expect(Map<String, GenericRecord> errors, String id, String errorClass, String text) {
    GenericRecord e = errors.get(id);
    assertEquals(errorClass, str(e, "error_class"), id + ": " + e);
    assertTrue(str(e, "message").contains(text), id + ": " + str(e, "message"));
    assertEquals("decode", str(e, "stage"), id);
  }
}
