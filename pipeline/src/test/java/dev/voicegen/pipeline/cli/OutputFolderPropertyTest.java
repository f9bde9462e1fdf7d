package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of jobs into one output folder with the user's own files planted in it: good
 * and bad manifests, resumes, two jobs at once, manifest changes. After every job the user's
 * files are intact byte for byte, and metadata, errors and audio agree. Seeded: the seed is in
 * every failure message (set {@code -Dvoicegen.seed=N} to replay one).
 */
class OutputFolderPropertyTest {
  /** Jobs per sequence: about two minutes of espeak jobs on a shared two-core machine. */
  private static final int STEPS = 8;

  @TempDir Path work;
  private ManifestFixture fixture;
  private Path output;
  private String context;

  private enum Step { GOOD, BAD, RESUME, PAIR, CHANGE }

  @Test
  void userFilesSurviveAndTheDatasetAgreesWithItself() throws Exception {
    long seed = Long.getLong("voicegen.seed", System.nanoTime());
    Random random = new Random(seed);
    fixture = new ManifestFixture(work.resolve("in"));
    fixture.demoVoice("alice.wav");
    fixture.demoVoice("carla_48k.wav");
    output = work.resolve("out");
    Files.createDirectories(output);
    Files.writeString(output.resolve(OutputOwnership.MARKER), "");
    Map<String, byte[]> planted = plant(random);
    List<String> history = new ArrayList<>();
    for (int i = 0; i < STEPS; i++) {
      Step step = Step.values()[random.nextInt(Step.values().length)];
      history.add(step.name());
      context = "seed " + seed + ", steps " + history;
      Map<String, byte[]> before = OutputSafetyTest.snapshot(output);
      switch (step) {
        case GOOD, CHANGE -> assertEquals(0, job(manifest(random, step == Step.CHANGE)), context);
        case RESUME -> assertEquals(0, job(manifest(random, random.nextBoolean()), "--resume"), context);
        case BAD -> {
          assertEquals(2, job(badManifest(random)), context);
          OutputSafetyTest.assertSameFiles(before, OutputSafetyTest.snapshot(output));
        }
        case PAIR -> pair(random);
      }
      checkUserFiles(planted);
      checkDataset();
    }
  }

  /** Two jobs at once: each ends the job or is refused at start because the other holds the lock. */
  private void pair(Random random) throws Exception {
    Path a = manifest(random, true);
    Path b = manifest(random, true);
    CompletableFuture<int[]> first = CompletableFuture.supplyAsync(() -> new int[] {job(a)});
    int second = job(b);
    int one = first.get()[0];
    assertTrue((one == 0 || one == 2) && (second == 0 || second == 2) && one + second < 4,
        context + ": statuses " + one + ", " + second);
  }

  private int job(Path manifest, String... extra) {
    List<String> args = new ArrayList<>(List.of("run", "--manifest=" + manifest, "--output=" + output,
        "--engine=espeak", "--batchSize=4"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new VoicegenCli(new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true))
            .execute(args.toArray(String[]::new));
    String text = err.toString(StandardCharsets.UTF_8);
    if (status == 2) {
      // refused: one line saying why, no stack trace
      assertTrue(text.strip().split("\n").length == 1 && !text.contains("\tat "), context + ": " + text);
    }
    return status;
  }

  private int manifests;

  /** A few rows over two voices, some with a missing sample; ids from a small pool so runs overlap. */
  private Path manifest(Random random, boolean changed) throws IOException {
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    int rows = 1 + random.nextInt(5);
    Set<Integer> ids = new TreeSet<>();
    while (ids.size() < rows) {
      ids.add(random.nextInt(8));
    }
    for (int id : ids) {
      String sample = random.nextInt(6) == 0 ? "voices/none.wav"
          : random.nextBoolean() ? "voices/alice.wav" : "voices/carla_48k.wav";
      String text = changed && random.nextBoolean() ? "Changed text " + id + "." : "Sentence " + id + ".";
      csv.add("p-" + id + ",\"" + text + "\"," + sample + ",en,");
    }
    return fixture.csv("m" + (manifests++) + ".csv", csv);
  }

  private Path badManifest(Random random) throws IOException {
    return switch (random.nextInt(3)) {
      case 0 -> Files.writeString(fixture.dir.resolve("bad.tsv"), "id\ttext\n");
      case 1 -> Files.writeString(fixture.dir.resolve("bad.parquet"), "not parquet at all");
      default -> Files.write(fixture.dir.resolve("empty.csv"), new byte[0]);
    };
  }

  /** User files in every folder voicegen writes to, with random content. */
  private Map<String, byte[]> plant(Random random) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    for (String name : List.of("notes.txt", "metadata/my_notes.txt", "errors/my_errors.log",
        "_temp/scratch.bin", "_stats/mine.json", "_resume/old.txt", "audio/README.md",
        "audio/en/alice/take.mp3")) {
      byte[] bytes = new byte[1 + random.nextInt(200)];
      random.nextBytes(bytes);
      Files.createDirectories(output.resolve(name).getParent());
      Files.write(output.resolve(name), bytes);
      files.put(name, bytes);
    }
    return files;
  }

  private void checkUserFiles(Map<String, byte[]> planted) throws IOException {
    for (Map.Entry<String, byte[]> e : planted.entrySet()) {
      Path file = output.resolve(e.getKey());
      assertTrue(Files.isRegularFile(file), context + ": " + e.getKey() + " is gone");
      assertTrue(java.util.Arrays.equals(e.getValue(), Files.readAllBytes(file)),
          context + ": " + e.getKey() + " changed");
    }
  }

  /** Every audio file has a metadata row and each row its file; the counts add up; ids once. */
  private void checkDataset() throws IOException {
    if (!Files.exists(output.resolve("summary.json"))) {
      return; // no job has finished yet
    }
    Set<String> described = new TreeSet<>();
    Set<String> ids = new TreeSet<>();
    List<GenericRecord> metadata = Datasets.metadata(output);
    for (GenericRecord r : metadata) {
      described.add(str(r, "audio_filepath"));
      assertTrue(ids.add(str(r, "id")), context + ": id twice in metadata: " + str(r, "id"));
    }
    List<GenericRecord> errors = Datasets.errors(output);
    for (GenericRecord r : errors) {
      assertTrue(ids.add(str(r, "id")), context + ": id in metadata and errors: " + str(r, "id"));
    }
    Set<String> audio = new TreeSet<>();
    for (String a : OutputSafetyTest.audio(output)) {
      if (a.endsWith(".wav")) {
        audio.add(a);
      }
    }
    assertEquals(described, audio, context + ": audio files and metadata rows differ");
    JsonNode summary = Datasets.summary(output);
    assertEquals(summary.get("rows_in").asLong(),
        summary.get("rows_ok").asLong() + summary.get("rows_failed").asLong(), context + ": " + summary);
    assertEquals(metadata.size(), summary.get("rows_ok").asLong(), context);
    assertEquals(errors.size(), summary.get("rows_failed").asLong(), context);
  }
}
