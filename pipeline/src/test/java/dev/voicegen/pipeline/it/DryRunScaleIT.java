package dev.voicegen.pipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The manifest is streamed, never held whole: a --dryRun over 200,000 rows (read, validate,
 * decode and analyze the references, full metadata and summary, no synthesis) in a 512 MB heap
 * on DirectRunner, with rows of missing samples and repeated ids among them. About 65 s here,
 * reading the dataset back included.
 */
class DryRunScaleIT {
  private static final int ROWS = 200_000;

  @Test
  void dryRunOf200kRowsIn512MegabyteHeap() throws Exception {
    Path work = ItEnvironment.freshWorkFolder("DryRunScaleIT");
    Path voices = ItEnvironment.home().resolve("run-configs/demo/voices");
    String[] samples = {"alice.wav", "bob_stereo.flac", "carla_48k.wav", "missing.wav"};
    Path manifest = work.resolve("manifest-200k.csv");
    try (BufferedWriter w = Files.newBufferedWriter(manifest)) {
      w.write("id,text,speaker_wav,language\n");
      for (int i = 0; i < ROWS; i++) {
        // one row in 1,000 names a sample that does not exist: those rows fail at decode;
        // one in 10,000 repeats the id of the row 5,000 lines up: the first row wins
        String sample = i % 1000 == 999 ? samples[3] : samples[i % 3];
        int id = i % 10_000 == 5_000 ? i - 5_000 : i;
        w.write(String.format("row-%06d,\"Sentence %d of the scale test, which is never spoken.\",%s,%s%n",
            id, i, voices.resolve(sample), sample.startsWith("carla") ? "de" : "en"));
      }
    }
    Path out = work.resolve("out");
    VoicegenJob.Result r =
        new VoicegenJob(work.resolve("dry-run.log"), "512m",
                "--dryRun", "--manifest=" + manifest, "--output=" + out,
                "--runner=DirectRunner", "--logDir=" + work.resolve("logs"),
                "--progressSeconds=30")
            .run(1500);
    assertEquals(0, r.exitCode(), r.output().length() > 20000
        ? r.output().substring(r.output().length() - 20000) : r.output());

    FinishedDataset d = new FinishedDataset(out);
    int missing = ROWS / 1000;
    int repeated = ROWS / 10_000;
    assertEquals(ROWS, d.summary.path("rows_in").asLong());
    assertEquals(missing + repeated, d.summary.path("rows_failed").asLong());
    assertEquals(ROWS - missing - repeated, d.metadata.size());
    assertEquals(ROWS - missing - repeated, d.manifestLines.size());
    Set<String> ids = new HashSet<>();
    for (GenericRecord m : d.metadata) {
      ids.add(m.get("id").toString());
      assertEquals(Boolean.TRUE, m.get("dry_run"));
      assertEquals("", m.get("audio_filepath").toString());
      assertTrue(((Number) m.get("duration_s")).doubleValue() > 0, "analysis of the reference");
    }
    int duplicates = 0;
    for (GenericRecord e : d.errors) {
      if ("duplicate_id".equals(e.get("error_class").toString())) {
        duplicates++;
        long line = Long.parseLong(e.get("source").toString().replaceAll(".*:", ""));
        assertEquals(5_002, line % 10_000, "the later row of the id is dropped: " + e);
        assertTrue(e.get("message").toString().contains(":" + (line - 5_000) + ";"), e.toString());
        continue;
      }
      assertTrue(ids.add(e.get("id").toString()), "twice: " + e);
      assertEquals("missing_file", e.get("error_class").toString());
    }
    assertEquals(repeated, duplicates);
    assertEquals(ROWS - repeated, ids.size(), "every id exactly once");
    assertFalse(Files.exists(out.resolve("audio")), "a dry run writes no audio");
  }
}
