package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.assertContains;
import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.pipeline.common.OutputLock;
import dev.voicegen.pipeline.common.OutputOwnership;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a job may do to the user's files (issue 12): it refuses at start, touching nothing, when
 * the input or another job's output would be harmed, and removes only the files it wrote.
 * Whole jobs on real files with the espeak-ng engine.
 */
class OutputSafetyTest {
  @TempDir Path work;
  private ManifestFixture fixture;
  private Path output;
  private String stderr;

  @BeforeEach
  void inputs() throws IOException {
    fixture = new ManifestFixture(work.resolve("in"));
    fixture.demoVoice("alice.wav");
    fixture.demoVoice("carla_48k.wav");
    output = work.resolve("out");
  }

  private int run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new VoicegenCli(new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true))
            .execute(args);
    stderr = err.toString(StandardCharsets.UTF_8);
    return status;
  }

  private int job(Path manifest, Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--manifest=" + manifest, "--output=" + out,
        "--engine=espeak", "--batchSize=4"));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private Path manifest(String name, int rows) throws IOException {
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.addAll(ManifestFixture.rows("r", rows, List.of("voices/alice.wav", "voices/carla_48k.wav")));
    return fixture.csv(name, csv);
  }

  /** Every file under {@code dir}, relative path to bytes. */
  static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    for (Path p : Datasets.files(dir)) {
      files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
    }
    return files;
  }

  static void assertSameFiles(Map<String, byte[]> before, Map<String, byte[]> after) {
    assertEquals(before.keySet(), after.keySet());
    before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name));
  }

  /** One line on stderr, no stack trace, naming {@code what}. */
  private void assertOneLineNaming(String what) {
    String[] lines = stderr.strip().split("\n");
    assertEquals(1, lines.length, stderr);
    assertTrue(lines[0].startsWith("voicegen: "), lines[0]);
    assertContains(lines[0], what);
  }

  /** Audio files under the output, relative paths. */
  static Set<String> audio(Path out) throws IOException {
    Set<String> files = new TreeSet<>();
    Path dir = out.resolve(OutputLayout.AUDIO);
    if (Files.isDirectory(dir)) {
      for (Path p : Datasets.files(dir)) {
        files.add(out.relativize(p).toString());
      }
    }
    return files;
  }

  static Set<String> describedAudio(Path out) throws IOException {
    Set<String> files = new TreeSet<>();
    for (GenericRecord r : Datasets.metadata(out)) {
      files.add(str(r, "audio_filepath"));
    }
    return files;
  }

  // finding 1: a manifest inside --output was deleted by the clean-up, then the job crashed
  @Test
  void aManifestInsideTheOutputIsRefusedAndKept() throws IOException {
    assertEquals(0, job(manifest("m.csv", 4), output), () -> stderr);
    Path inside = Files.createDirectories(output.resolve("metadata")).resolve("train.csv");
    Files.copy(fixture.dir.resolve("m.csv"), inside);
    // its relative samples must resolve: give it the voices beside it
    Files.writeString(inside, Files.readString(inside).replace("voices/", fixture.voices + "/"));
    Map<String, byte[]> before = snapshot(output);

    assertEquals(2, job(inside, output), () -> stderr);
    assertOneLineNaming("contains the manifest");
    assertSameFiles(before, snapshot(output));

    Path nemo = output.resolve(OutputLayout.MANIFEST);
    assertEquals(2, job(nemo, output), () -> stderr);
    assertOneLineNaming("contains the manifest");
    assertSameFiles(before, snapshot(output));
  }

  // finding 2: an unknown extension or a file that is not Parquet wiped the previous dataset
  @Test
  void aBadManifestLeavesThePreviousDatasetAsItWas() throws IOException {
    assertEquals(0, job(manifest("m.csv", 4), output), () -> stderr);
    Map<String, byte[]> before = snapshot(output);

    Path tsv = Files.writeString(fixture.dir.resolve("m.tsv"), "id\ttext\tspeaker_wav\na\tb\tvoices/alice.wav\n");
    assertEquals(2, job(tsv, output), () -> stderr);
    assertOneLineNaming("unknown extension");
    assertSameFiles(before, snapshot(output));

    Path fake = Files.writeString(fixture.dir.resolve("m.parquet"), "id,text,speaker_wav\na,b,c.wav\n");
    assertEquals(2, job(fake, output), () -> stderr);
    assertOneLineNaming("m.parquet");
    assertSameFiles(before, snapshot(output));
  }

  // finding 10: a folder or an empty file ran 0 rows with exit 0
  @Test
  void aFolderOrAnEmptyFileIsNoManifest() throws IOException {
    assertEquals(2, job(fixture.voices, output), () -> stderr);
    assertOneLineNaming("is a folder");
    Path empty = Files.write(fixture.dir.resolve("empty.csv"), new byte[0]);
    assertEquals(2, job(empty, output), () -> stderr);
    assertOneLineNaming("is empty");
    assertFalse(Files.exists(output), "nothing written by a job that did not start");
  }

  // finding 4: a second job into the same folder ran too, and the first one's rows were lost
  @Test
  void aLockHeldByARunningProcessStopsTheJob() throws Exception {
    Path manifest = manifest("m.csv", 4);
    assertEquals(0, job(manifest, output), () -> stderr);
    Map<String, byte[]> before = snapshot(output);
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      Files.writeString(output.resolve(OutputLock.FILE),
          "pid=" + other.pid() + "\nhost=" + OutputLock.host() + "\nstarted=2026-01-01T00:00:00Z\n");
      Map<String, byte[]> locked = snapshot(output);
      assertEquals(2, job(manifest, output), () -> stderr);
      assertOneLineNaming("pid " + other.pid());
      assertContains(stderr, "remove " + output.resolve(OutputLock.FILE));
      assertSameFiles(locked, snapshot(output));
    } finally {
      other.destroy();
      other.waitFor();
    }
    // the same lock, its process gone: taken over, and released when the job ends
    assertEquals(0, job(manifest, output), () -> stderr);
    assertFalse(Files.exists(output.resolve(OutputLock.FILE)));
    assertEquals(before.keySet(), snapshot(output).keySet());
  }

  @Test
  void twoJobsOfOneProcessExcludeEachOther() throws IOException {
    Path manifest = manifest("m.csv", 2);
    try (OutputLock held = OutputLock.acquire("test", new OutputLayout(output.toString()))) {
      assertEquals(2, job(manifest, output), () -> stderr);
      assertOneLineNaming("in use by another job of this process");
      // the same folder through a link is the same folder, not a stale lock to take over
      Path alias = Files.createSymbolicLink(work.resolve("alias"), output);
      assertEquals(2, job(manifest, alias), () -> stderr);
      assertOneLineNaming("in use by another job of this process");
      assertTrue(Files.exists(output.resolve(OutputLock.FILE)));
    }
    assertFalse(Files.exists(output.resolve(OutputLock.FILE)), "released");
    assertEquals(0, job(manifest, output), () -> stderr);
  }

  @Test
  void theLockIsReleasedWhenTheJobFails() throws IOException {
    Path manifest = manifest("m.csv", 2);
    Files.createDirectories(output);
    Files.writeString(output.resolve("thesis.tex"), "years of work");
    assertEquals(2, job(manifest, output), () -> stderr);
    assertOneLineNaming("is not a voicegen output");
    assertEquals(Set.of("thesis.tex"), snapshot(output).keySet(), "lock released, nothing written");
  }

  // finding 5: user files in the output were deleted; --output=/ and // went for the whole disk
  @Test
  void onlyTheFilesVoicegenWroteAreRemoved() throws IOException {
    Path manifest = manifest("m.csv", 4);
    assertEquals(0, job(manifest, output), () -> stderr);
    Map<String, String> user = new TreeMap<>();
    user.put("metadata/my_notes.txt", "notes");
    user.put("metadata/language=en/speaker_id=alice/notes.parquet.txt", "notes 2");
    user.put("errors/my_errors.log", "errors I keep");
    user.put("_temp/keep.txt", "temp of mine");
    user.put("_stats/keep.json", "{}");
    user.put("_resume/keep.txt", "resume of mine");
    user.put("audio/README.txt", "what the audio is");
    user.put("audio/en/alice/take-1.mp3", "an mp3 of mine");
    for (Map.Entry<String, String> e : user.entrySet()) {
      Files.createDirectories(output.resolve(e.getKey()).getParent());
      Files.writeString(output.resolve(e.getKey()), e.getValue());
    }
    assertEquals(0, job(manifest, output), () -> stderr);
    assertEquals(0, job(manifest, output, "--resume"), () -> stderr);
    assertEquals(0, job(manifest("m2.csv", 2), output), () -> stderr);
    for (Map.Entry<String, String> e : user.entrySet()) {
      assertEquals(e.getValue(), Files.readString(output.resolve(e.getKey())), e.getKey());
    }
    assertEquals(describedAudio(output), audio(output).stream()
        .filter(a -> a.endsWith(".wav")).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void theRootTheHomeFolderAndAForeignFolderAreRefused() throws IOException {
    Path manifest = manifest("m.csv", 2);
    assertEquals(2, job(manifest, Path.of("/")), () -> stderr);
    assertOneLineNaming("file system root");
    assertEquals(2, run("run", "--manifest=" + manifest, "--output=//", "--engine=espeak"));
    assertOneLineNaming("file system root");

    Path home = Files.createDirectories(work.resolve("home"));
    Files.writeString(home.resolve(".bashrc"), "alias ll='ls -l'");
    String saved = System.getProperty("user.home");
    System.setProperty("user.home", home.toString());
    try {
      assertEquals(2, job(manifest, home), () -> stderr);
      assertOneLineNaming("home folder");
    } finally {
      System.setProperty("user.home", saved);
    }
    assertEquals(Set.of(".bashrc"), snapshot(home).keySet());

    // a folder of someone else's, not empty and without the marker
    assertEquals(2, job(manifest, home), () -> stderr);
    assertOneLineNaming("is not a voicegen output");
    assertEquals(Set.of(".bashrc"), snapshot(home).keySet());
    // an empty folder is claimed; the marker lets the next job in
    Path fresh = Files.createDirectories(work.resolve("fresh"));
    assertEquals(0, job(manifest, fresh), () -> stderr);
    assertTrue(Files.isRegularFile(fresh.resolve(OutputOwnership.MARKER)));
    assertEquals(0, job(manifest, fresh), () -> stderr);
  }

  // finding 6: a reference sample inside the output could be overwritten
  @Test
  void aSampleInsideTheOutputIsRefused() throws IOException {
    assertEquals(0, job(manifest("m.csv", 2), output), () -> stderr);
    Path ref = Files.createDirectories(output.resolve("audio/en/spk")).resolve("ref.wav");
    Files.copy(fixture.voices.resolve("alice.wav"), ref);
    Path manifest =
        fixture.csv("m3.csv", List.of("id,text,speaker_wav,language,speaker_id",
            "a,\"Hello there.\"," + fixture.voices.resolve("alice.wav") + ",en,",
            "ref,\"Overwrite me.\"," + ref + ",en,spk"));
    Map<String, byte[]> before = snapshot(output);
    assertEquals(2, job(manifest, output), () -> stderr);
    assertOneLineNaming("contains the reference sample " + ref);
    assertSameFiles(before, snapshot(output));

    // the same sample through a link that lives outside the output
    Path link = Files.createSymbolicLink(fixture.voices.resolve("link.wav"), ref);
    Path viaLink = fixture.csv("m4.csv", List.of("id,text,speaker_wav", "l,\"Hi.\",voices/link.wav"));
    assertEquals(2, job(viaLink, output), () -> stderr);
    assertOneLineNaming("contains the reference sample");
    assertSameFiles(before, snapshot(output));
    assertTrue(Files.exists(link));
  }

  @Test
  void optimizeAndPreprocessRefuseToOverwriteTheirInput() throws IOException {
    Path in = fixture.voices.resolve("alice.wav");
    byte[] original = Files.readAllBytes(in);
    assertEquals(2, run("optimize", in.toString(), in.toString()));
    assertOneLineNaming("OUT is IN");
    assertEquals(2, run("preprocess", in.toString(), fixture.dir.resolve("voices/../voices/alice.wav").toString()));
    assertOneLineNaming("OUT is IN");
    Path link = Files.createSymbolicLink(work.resolve("alias.wav"), in);
    assertEquals(2, run("optimize", in.toString(), link.toString()));
    assertOneLineNaming("OUT is IN");
    assertArrayEquals(original, Files.readAllBytes(in));
  }

  // finding 8: a rerun left the audio of rows that now fail or are gone
  @Test
  void aRerunRemovesTheAudioNoRowDescribes() throws IOException {
    Path six = manifest("m.csv", 6);
    assertEquals(0, job(six, output), () -> stderr);
    assertEquals(6, audio(output).size());

    // r-000 and r-001 now fail (their sample is gone), r-005 is no longer in the manifest
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.add("r-000,\"Sentence number 0, short.\",voices/none.wav,en,");
    csv.add("r-001,\"Sentence number 1, short.\",voices/none.wav,en,");
    csv.addAll(ManifestFixture.rows("r", 5, List.of("voices/alice.wav", "voices/carla_48k.wav")).subList(2, 5));
    Path changed = fixture.csv("changed.csv", csv);
    assertEquals(0, job(changed, output), () -> stderr);
    assertEquals(describedAudio(output), audio(output));
    assertEquals(3, audio(output).size());
    assertEquals(3, Datasets.summary(output).get("audio_removed").asLong());

    // --resume with another manifest: the earlier rows not in it lose their audio too
    assertEquals(0, job(six, output), () -> stderr);
    assertEquals(6, audio(output).size());
    Path two = manifest("two.csv", 2);
    assertEquals(0, job(two, output, "--resume"), () -> stderr);
    assertEquals(describedAudio(output), audio(output));
    assertEquals(2, audio(output).size());
    assertEquals(4, Datasets.summary(output).get("audio_removed").asLong());
  }
}
