package dev.voicegen.beam.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.WavReader;
import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.Schemas;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.synthesis.GeneratedSpeech;
import dev.voicegen.beam.voice.AnalyzeVoice;
import dev.voicegen.beam.voice.OptimizeVoice;
import dev.voicegen.beam.voice.PreprocessVoice;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.manifest.ManifestEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset from a handful of rows: a real LibriSpeech sample analysed by the voice stages
 * stands in for the synthesised speech; the files written are read back as a user would.
 */
class WriteDatasetTest {
  @TempDir Path dir;

  private static final Path VOICE =
      Path.of("../../shared/data/voices/ls_1688_1688-142285-0000.flac").toAbsolutePath().normalize();

  @Test
  void speechBecomesAudioAndPartitionedMetadataAndFailuresBecomeErrors() throws Exception {
    String voice = VOICE.toString();
    ManifestEntry en = new ManifestEntry("r1", "hello there", voice, "en", "anna", "m.csv:2");
    ManifestEntry de = new ManifestEntry("r2", "guten tag", voice, "de", "bert", "m.csv:3");
    ManifestEntry bad = new ManifestEntry("r3", "never spoken", voice, "en", "anna", "m.csv:4");
    OutputLayout layout = new OutputLayout(dir.resolve("out").toString());

    Pipeline p = Pipeline.create();
    PCollection<KV<String, VoiceSample>> voices =
        p.apply(
                "Sample",
                Create.of(KV.of("sha-1", VoiceSample.fingerprinted("sha-1", voice, Files.size(VOICE))))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(VoiceSample.class))))
            .apply(AnalyzeVoice.create())
            .apply(OptimizeVoice.create())
            .apply(PreprocessVoice.withMode("seed"));
    PCollection<GeneratedSpeech> speech =
        PCollectionList.of(List.of(en, de).stream()
                .map(e -> voices.apply("Speak" + e.id(), MapElements.into(TypeDescriptor.of(GeneratedSpeech.class))
                    .via(kv -> spoken(e, kv.getValue())))
                    .setCoder(SerializableCoder.of(GeneratedSpeech.class)))
                .toList())
            .apply("AllSpeech", Flatten.pCollections());
    PCollectionTuple input =
        PCollectionTuple.of(WriteDataset.SPEECH, speech)
            .and(
                WriteDataset.FAILURES,
                p.apply(
                    "Failures",
                    Create.of(FailedRow.of(bad, Stage.SYNTHESIZE, "UnusableReferenceException", "too short"))
                        .withCoder(SerializableCoder.of(FailedRow.class))))
            .and(WriteDataset.KEPT, p.apply("Kept", Create.empty(AvroCoder.of(Schemas.metadataRow()))))
            .and(WriteDataset.VOICES, voices)
            .and(WriteDataset.ROWS_READ, p.apply("RowsRead", Create.of(3L).withCoder(VarLongCoder.of())));
    input.apply(WriteDataset.to(layout, "wav", WriteDataset.Finishing.defaults()));
    p.run().waitUntilFinish();

    Path out = dir.resolve("out");
    Map<String, GenericRecord> metadata = new HashMap<>();
    for (Path part : parquetFiles(out.resolve("metadata"))) {
      for (GenericRecord r : read(part)) {
        String partition = out.resolve("metadata").relativize(part.getParent()).toString();
        assertEquals("language=" + r.get("language") + "/speaker_id=" + r.get("speaker_id"), partition);
        metadata.put(r.get("id").toString(), r);
      }
    }
    assertEquals(List.of("r1", "r2"), metadata.keySet().stream().sorted().toList());
    for (GenericRecord r : metadata.values()) {
      String audio = r.get("audio_filepath").toString();
      assertEquals(OutputLayout.audioPath(r.get("language").toString(), r.get("speaker_id").toString(),
          r.get("id").toString(), "wav"), audio);
      AudioClip written = WavReader.decode(audio, Files.readAllBytes(out.resolve(audio)));
      assertEquals((double) r.get("output_duration_s"), written.durationSeconds(), 1e-3);
      assertTrue(written.durationSeconds() > 1, "the sample's speech, not an empty file");
      assertEquals("sha-1", r.get("reference_sha256").toString());
      assertEquals(true, r.get("voice_cloned"));
    }

    List<GenericRecord> errors = new ArrayList<>();
    for (Path part : parquetFiles(out.resolve("errors"))) {
      errors.addAll(read(part));
    }
    assertEquals(1, errors.size());
    GenericRecord error = errors.get(0);
    assertEquals("r3", error.get("id").toString());
    assertEquals("m.csv:4", error.get("source").toString());
    assertEquals("UnusableReferenceException", error.get("error_class").toString());

    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> lines = new HashMap<>();
    for (String line : Files.readAllLines(out.resolve("manifest.jsonl"))) {
      JsonNode n = json.readTree(line);
      lines.put(n.get("audio_filepath").asText(), n);
    }
    assertEquals(2, lines.size());
    for (GenericRecord r : metadata.values()) {
      JsonNode n = lines.get(r.get("audio_filepath").toString());
      assertEquals(r.get("text").toString(), n.get("text").asText());
    }
  }

  /** A row "synthesised" as the sample's own prepared audio, so that real speech is written. */
  private static GeneratedSpeech spoken(ManifestEntry e, VoiceSample v) {
    return new GeneratedSpeech(
        e, v.withoutAudio(), v.audio(), "espeak-ng", "1.51", null, null, true, 7L, null, Map.of(), 12.0, null,
        List.of(), null);
  }

  private static List<Path> parquetFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private static List<GenericRecord> read(Path parquet) throws IOException {
    List<GenericRecord> rows = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(
                HadoopInputFile.fromPath(
                    new org.apache.hadoop.fs.Path(parquet.toUri()), new org.apache.hadoop.conf.Configuration()))
            .build()) {
      GenericRecord r;
      while ((r = reader.read()) != null) {
        rows.add(r);
      }
    }
    return rows;
  }
}
