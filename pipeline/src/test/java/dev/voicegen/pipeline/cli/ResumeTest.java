package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --resume}: a complete output is left alone; a damaged one gets exactly its gaps redone. */
class ResumeTest {
  @TempDir Path work;

  private Path manifest;
  private Path output;

  private JsonNode run(String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("run", "--manifest=" + manifest,
        "--output=" + output, "--engine=espeak", "--batchSize=3"));
    args.addAll(List.of(extra));
    assertEquals(0, new VoicegenCli(System.out, System.err).execute(args.toArray(String[]::new)));
    return Datasets.summary(output);
  }

  private static long synthesized(JsonNode summary) {
    return summary.path("metrics").path("counters").path("synthesize.ok").asLong(0);
  }

  /** Earlier audio files looked up (the earlier run's rows that match a manifest row). */
  private static long audioProbes(JsonNode summary) {
    return summary.path("metrics").path("counters").path("resume.audio_probes").asLong(0);
  }

  /** Reference samples decoded by the run (each distinct sample at most once). */
  private static long samplesDecoded(JsonNode summary) {
    return summary.path("metrics").path("counters").path("decode.ok").asLong(0);
  }

  private Map<String, FileTime> audioTimes() throws IOException {
    Map<String, FileTime> times = new HashMap<>();
    for (GenericRecord r : Datasets.metadata(output)) {
      times.put(str(r, "id"), Files.getLastModifiedTime(output.resolve(str(r, "audio_filepath"))));
    }
    return times;
  }

  @Test
  void resumeRedoesExactlyTheMissingRows() throws IOException, InterruptedException {
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("alice.wav");
    f.demoVoice("carla_48k.wav");
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.addAll(ManifestFixture.rows("r", 12, List.of("voices/alice.wav", "voices/carla_48k.wav")));
    csv.add("r-bad,\"Missing sample.\",voices/none.wav,en,");
    manifest = f.csv("manifest.csv", csv);
    output = work.resolve("out");

    JsonNode first = run();
    assertEquals(12, first.get("rows_ok").asLong());
    assertEquals(12, synthesized(first));
    Map<String, FileTime> before = audioTimes();
    Thread.sleep(20);

    // complete output: nothing is synthesised again, every row is still in the dataset once
    JsonNode again = run("--resume");
    assertEquals(0, synthesized(again), again.toString());
    assertEquals(0, samplesDecoded(again), "no sample of a completed row is prepared again: " + again);
    assertEquals(12, again.get("rows_skipped").asLong());
    assertEquals(12, again.get("rows_ok").asLong());
    assertEquals(1, again.get("rows_failed").asLong(), "the failed row is tried again and fails again");
    assertEquals(before, audioTimes(), "no audio file was rewritten");
    assertEquals(12, audioProbes(again), "each completed row's audio is looked up once: " + again);
    assertEquals(12, Datasets.metadata(output).size());

    // damage: two audio files and one metadata part file go missing
    List<GenericRecord> metadata = Datasets.metadata(output);
    Set<String> missing = new TreeSet<>();
    for (GenericRecord r : metadata.subList(0, 2)) {
      Files.delete(output.resolve(str(r, "audio_filepath")));
      missing.add(str(r, "id"));
    }
    Path part;
    try (var walk = Files.walk(output.resolve("metadata"))) {
      part = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().reduce((a, b) -> b).orElseThrow();
    }
    List<GenericRecord> lost = Datasets.parquetFile(part);
    lost.forEach(r -> missing.add(str(r, "id")));
    Files.delete(part);
    Thread.sleep(20);
    Map<String, FileTime> beforeRepair = new HashMap<>(before);

    JsonNode repaired = run("--resume");
    assertEquals(missing.size(), synthesized(repaired), "redone: " + missing);
    assertTrue(samplesDecoded(repaired) >= 1 && samplesDecoded(repaired) <= 2,
        "only the samples of the redone rows are prepared: " + repaired);
    assertEquals(12 - missing.size(), repaired.get("rows_skipped").asLong());
    assertEquals(12 - lost.size(), audioProbes(repaired), "rows with an earlier metadata row: " + repaired);
    assertEquals(12, repaired.get("rows_ok").asLong());
    Map<String, FileTime> after = audioTimes();
    assertEquals(12, after.size());
    Set<String> rewritten = new TreeSet<>();
    for (Map.Entry<String, FileTime> e : after.entrySet()) {
      if (!e.getValue().equals(beforeRepair.get(e.getKey()))) {
        rewritten.add(e.getKey());
      }
    }
    assertEquals(missing, rewritten);
    List<String> ids = Datasets.metadata(output).stream().map(r -> str(r, "id")).sorted().toList();
    assertEquals(12, ids.size());
    assertEquals(12, new TreeSet<>(ids).size(), "each id once in metadata");
    assertTrue(Files.notExists(output.resolve("_resume")));

    // a row whose text changed is not the row the earlier run made: it is redone, with its sample
    csv.set(1, csv.get(1).replace("Sentence number 0, short.", "Sentence number 0, now longer."));
    manifest = f.csv("manifest.csv", csv);
    JsonNode changed = run("--resume");
    assertEquals(1, synthesized(changed), changed.toString());
    assertEquals(1, samplesDecoded(changed), "the changed row's sample only: " + changed);
    assertEquals(11, changed.get("rows_skipped").asLong());
    assertEquals(12, changed.get("rows_ok").asLong());
    assertEquals(1, changed.get("rows_failed").asLong(), "still only the row without a sample");
    GenericRecord redone = Datasets.metadata(output).stream()
        .filter(r -> str(r, "id").equals("r-000")).findFirst().orElseThrow();
    assertEquals("Sentence number 0, now longer.", str(redone, "text"));
  }
}
