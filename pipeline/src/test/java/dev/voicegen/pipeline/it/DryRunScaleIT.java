package dev.voicegen.pipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import dev.voicegen.beam.common.Schemas;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.Test;

/**
 * The manifest is streamed, never held whole: a --dryRun over 200,000 rows (read, validate,
 * decode and analyze the references, full metadata and summary, no synthesis) in a 512 MB heap
 * on DirectRunner, with rows of missing samples and repeated ids among them, from a CSV manifest
 * and from a Parquet one written as one 200,000-row group (the worst case for its checkpoints).
 * About 65 s each here, reading the dataset back included.
 */
class DryRunScaleIT {
  private static final int ROWS = 200_000;

  @Test
  void dryRunOf200kCsvRowsIn512MegabyteHeap() throws Exception {
    Path work = ItEnvironment.freshWorkFolder("DryRunScaleIT-csv");
    Path manifest = work.resolve("manifest-200k.csv");
    try (BufferedWriter w = Files.newBufferedWriter(manifest)) {
      w.write("id,text,speaker_wav,language\n");
      for (int i = 0; i < ROWS; i++) {
        String[] row = row(i);
        w.write(String.format("%s,\"%s\",%s,%s%n", row[0], row[1], row[2], row[3]));
      }
    }
    // the header is line 1: row i is line i + 2
    dryRun(work, manifest, 2);
  }

  @Test
  void dryRunOf200kParquetRowsIn512MegabyteHeap() throws Exception {
    Path work = ItEnvironment.freshWorkFolder("DryRunScaleIT-parquet");
    Path manifest = work.resolve("manifest-200k.parquet");
    Schema schema = Schemas.manifestRow();
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(
                HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(manifest.toUri()), new Configuration()))
            .withSchema(schema)
            .build()) {
      for (int i = 0; i < ROWS; i++) {
        String[] row = row(i);
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", row[0]);
        r.put("text", row[1]);
        r.put("speaker_wav", row[2]);
        r.put("language", row[3]);
        writer.write(r);
      }
    }
    try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(manifest.toUri()), new Configuration()))) {
      assertEquals(1, footer.getRowGroups().size(), "one row group");
    }
    // rows are numbered from 1
    FinishedDataset d = dryRun(work, manifest, 1);
    long reread = d.summary.path("metrics").path("counters").path("manifest.rows_reread").asLong();
    assertTrue(reread > 0 && reread <= 3L * ROWS, "rows decoded again at checkpoints: " + reread);
  }

  /**
   * Row {@code i}: one row in 1,000 names a sample that does not exist (those rows fail at
   * decode); one in 10,000 repeats the id of the row 5,000 rows up (the first row wins).
   */
  private static String[] row(int i) {
    Path voices = ItEnvironment.home().resolve("run-configs/demo/voices");
    String sample = i % 1000 == 999 ? "missing.wav" : SAMPLES[i % 3];
    int id = i % 10_000 == 5_000 ? i - 5_000 : i;
    return new String[] {String.format("row-%06d", id),
        "Sentence " + i + " of the scale test, which is never spoken.",
        voices.resolve(sample).toString(), sample.startsWith("carla") ? "de" : "en"};
  }

  private static final String[] SAMPLES = {"alice.wav", "bob_stereo.flac", "carla_48k.wav"};

  /** Runs the dry run on {@code manifest}, whose row i has source line i + firstLine; checks it. */
  private static FinishedDataset dryRun(Path work, Path manifest, int firstLine) throws Exception {
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
        assertEquals(5_000 + firstLine, line % 10_000, "the later row of the id is dropped: " + e);
        assertTrue(e.get("message").toString().contains(":" + (line - 5_000) + ";"), e.toString());
        continue;
      }
      assertTrue(ids.add(e.get("id").toString()), "twice: " + e);
      assertEquals("missing_file", e.get("error_class").toString());
    }
    assertEquals(repeated, duplicates);
    assertEquals(ROWS - repeated, ids.size(), "every id exactly once");
    assertFalse(Files.exists(out.resolve("audio")), "a dry run writes no audio");
    return d;
  }
}
