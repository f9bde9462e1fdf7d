package dev.voicegen.beam.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.Schemas;
import dev.voicegen.manifest.RowRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan over real manifest files: first row of an id wins; --resume recognises completed rows. */
class ScanManifestTest {
  @TempDir Path dir;

  private static final String HEADER = "id,text,speaker_wav,language,speaker_id\n";

  /** Every expected element once, nothing else. */
  private static <T> Void same(Set<T> expected, Iterable<T> actual) {
    List<T> all = new ArrayList<>();
    actual.forEach(all::add);
    assertEquals(expected.size(), all.size(), "elements: " + all);
    assertEquals(expected, new HashSet<>(all));
    return null;
  }

  @Test
  void theFirstRowOfARepeatedIdWinsAndOnlyWinningRowsNeedTheirSamples() throws Exception {
    // strings, not Paths: the PAssert checks are serialized with what they capture
    String manifest =
        Files.writeString(
                dir.resolve("m.csv"),
                HEADER
                    + "r1,first,a.wav,en,s1\n"
                    + "r2,other,b.wav,en,s2\n"
                    + "r1,second,c.wav,en,s1\n"
                    + "bad id!,text,d.wav,en,s1\n")
            .toString();
    String a = dir.resolve("a.wav").toString();
    String b = dir.resolve("b.wav").toString();

    Pipeline p = Pipeline.create();
    PCollectionTuple out = p.apply(ScanManifest.from(manifest, RowRules.DEFAULT));
    // CSV lines count from the header, line 1
    PAssert.that(out.get(ScanManifest.FIRST_ROWS)).satisfies(rows -> same(Set.of(KV.of("r1", manifest + ":2")), rows));
    PAssert.that(out.get(ScanManifest.SAMPLE_PATHS)).satisfies(paths -> same(Set.of(a, b), paths));
    PAssert.that(out.get(ScanManifest.ROWS_READ)).satisfies(total -> same(Set.of(4L), total));
    p.run().waitUntilFinish();
  }

  @Test
  void withResumeTheRowsAnEarlierRunCompletedAreKeptAndTheirSamplesLeftOut() throws Exception {
    String manifest =
        Files.writeString(
                dir.resolve("m.csv"),
                HEADER
                    + "done,same text,a.wav,en,s1\n"
                    + "edited,new text,b.wav,en,s1\n"
                    + "lost,same text,c.wav,en,s1\n"
                    + "fresh,text,d.wav,en,s1\n"
                    + "done,a repeat loses,e.wav,en,s1\n")
            .toString();
    String sample = dir.toString() + "/";
    Path out = Files.createDirectories(dir.resolve("out"));
    OutputLayout layout = new OutputLayout(out.toString());
    // the earlier run's audio: present for "done" and "edited", gone for "lost"
    for (String id : List.of("done", "edited")) {
      Path wav = out.resolve(OutputLayout.audioPath("en", "s1", id, "wav"));
      Files.createDirectories(wav.getParent());
      Files.write(wav, new byte[1000]);
    }
    Path previous = Files.createDirectories(dir.resolve("previous"));
    Schema schema = Schemas.metadataRow();
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(HadoopOutputFile.fromPath(
                    new org.apache.hadoop.fs.Path(previous.resolve("part-0.parquet").toUri()),
                    new org.apache.hadoop.conf.Configuration()))
            .withSchema(schema)
            .build()) {
      w.write(earlierRow(schema, "done", "same text", sample + "a.wav"));
      w.write(earlierRow(schema, "edited", "old text", sample + "b.wav"));
      w.write(earlierRow(schema, "lost", "same text", sample + "c.wav"));
      w.write(earlierRow(schema, "gone", "not in this manifest", sample + "z.wav"));
    }

    Pipeline p = Pipeline.create();
    PCollectionTuple scan =
        p.apply(
            ScanManifest.from(manifest, RowRules.DEFAULT)
                .resuming(layout, previous.resolve("*.parquet").toString()));
    PAssert.that(scan.get(ScanManifest.KEPT))
        .satisfies(
            rows -> {
              List<String> ids = new ArrayList<>();
              rows.forEach(r -> ids.add(r.get("id").toString()));
              assertEquals(List.of("done"), ids);
              return null;
            });
    PAssert.that(scan.get(ScanManifest.COMPLETED_ROWS)).satisfies(rows -> same(Set.of(KV.of(manifest, 2L)), rows));
    PAssert.that(scan.get(ScanManifest.SAMPLE_PATHS))
        .satisfies(paths -> same(Set.of(sample + "b.wav", sample + "c.wav", sample + "d.wav"), paths));
    PAssert.that(scan.get(ScanManifest.FIRST_ROWS)).satisfies(rows -> same(Set.of(KV.of("done", manifest + ":2")), rows));
    p.run().waitUntilFinish();
  }

  /** An earlier run's metadata row: the fields the resume check reads, every other one empty. */
  private static GenericRecord earlierRow(Schema schema, String id, String text, String speakerWav) {
    GenericRecord r = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      r.put(f.name(), emptyValue(f.schema()));
    }
    r.put("id", id);
    r.put("text", text);
    r.put("language", "en");
    r.put("speaker_id", "s1");
    r.put("speaker_wav", speakerWav);
    r.put("audio_filepath", OutputLayout.audioPath("en", "s1", id, "wav"));
    return r;
  }

  private static Object emptyValue(Schema s) {
    return switch (s.getType()) {
      case UNION -> null;
      case STRING -> "";
      case INT -> 0;
      case LONG -> 0L;
      case FLOAT -> 0f;
      case DOUBLE -> 0d;
      case BOOLEAN -> false;
      case ARRAY -> List.of();
      case MAP -> java.util.Map.of();
      default -> throw new IllegalArgumentException("no empty value for " + s);
    };
  }
}
