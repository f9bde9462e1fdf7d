package dev.voicegen.beam.transcribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WriteTranscripts: transcript rows land under transcripts/folder_name=PARENT, failures under
 * errors/, both as Parquet read back as a user would, and the statistics count them.
 */
class WriteTranscriptsTest {
  @TempDir Path dir;

  @Test
  void rowsArePartitionedByFolderFailuresBecomeErrorRowsAndTheCountsAgree() throws Exception {
    List<GenericRecord> rows =
        List.of(row("alice", "a1.wav", "hello"), row("alice", "a2.wav", "world"), row("bob", "b1.flac", "hallo"));
    AudioFile broken = AudioFile.of(dir.resolve("in/bob/b2.wav").toString());
    AudioFile silent = AudioFile.of(dir.resolve("in/bob/b3.wav").toString());
    List<TranscribeFailure> failures =
        List.of(
            new TranscribeFailure(broken, TranscribeStage.DECODE, "AudioDecodeException", "b2.wav: not a WAV file"),
            new TranscribeFailure(silent, TranscribeStage.MFCC, "IllegalArgumentException", "no frames"));
    Path out = dir.resolve("out");

    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--targetParallelism=4").create());
    PCollectionTuple.of(
            TranscribeAudio.TRANSCRIPTS,
            p.apply("Rows", Create.of(rows).withCoder(AvroCoder.of(Schemas.transcriptRow()))))
        .and(
            TranscribeAudio.FAILURES,
            p.apply("Failures", Create.of(failures).withCoder(SerializableCoder.of(TranscribeFailure.class))))
        .and(WriteTranscripts.FILES_IN, p.apply("FilesIn", Create.of(6L).withCoder(VarLongCoder.of())))
        .apply(new WriteTranscripts(new OutputLayout(out.toString())));
    p.run().waitUntilFinish();

    Map<String, String> textByFile = new TreeMap<>();
    for (String folder : List.of("alice", "bob")) {
      for (GenericRecord r : readAll(out.resolve("transcripts/folder_name=" + folder))) {
        assertEquals(folder, r.get("folder_name").toString());
        textByFile.put(r.get("file_name").toString(), r.get("transcription").toString());
      }
    }
    assertEquals(Map.of("a1.wav", "hello", "a2.wav", "world", "b1.flac", "hallo"), textByFile);

    Map<String, GenericRecord> errors = new HashMap<>();
    readAll(out.resolve(OutputLayout.ERRORS)).forEach(e -> errors.put(e.get("id").toString(), e));
    assertEquals(2, errors.size(), errors.toString());
    GenericRecord e = errors.get("b2.wav");
    assertEquals("decode", e.get("stage").toString());
    assertEquals("AudioDecodeException", e.get("error_class").toString());
    assertEquals(broken.uri(), e.get("source").toString());
    assertEquals("b2.wav: not a WAV file", e.get("message").toString());
    assertEquals("mfcc", errors.get("b3.wav").get("stage").toString());

    Map<String, Long> counts = new HashMap<>();
    Map<String, Long> failureCounts = new HashMap<>();
    Map<String, Long> timed = new HashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(out.resolve(OutputLayout.STATS + "/stats.jsonl"))) {
      JsonNode n = json.readTree(line);
      switch (n.get("kind").asText()) {
        case "count" -> counts.put(n.get("name").asText(), n.get("value").asLong());
        case "failure" -> failureCounts.put(n.get("stage").asText() + "/" + n.get("reason").asText(), n.get("count").asLong());
        case "timing" -> timed.put(n.get("stage").asText(), n.get("count").asLong());
        default -> throw new AssertionError(line);
      }
    }
    assertEquals(Map.of("files_in", 6L, "files_ok", 3L, "files_failed", 2L), counts);
    assertEquals(Map.of("decode/AudioDecodeException", 1L, "mfcc/IllegalArgumentException", 1L), failureCounts);
    assertEquals(Map.of("decode", 3L, "transcribe", 3L, "mfcc", 3L), timed);
  }

  private static GenericRecord row(String folder, String file, String text) {
    GenericRecord r = new GenericData.Record(Schemas.transcriptRow());
    r.put("folder_name", folder);
    r.put("file_name", file);
    r.put("transcription", text);
    r.put("language", "en");
    r.put("duration_s", 1.5);
    r.put("tokens", List.of(List.of(0.5f, -0.25f), List.of(1.0f, 2.0f)));
    r.put("decode_ms", 1.0);
    r.put("transcribe_ms", 20.0);
    r.put("mfcc_ms", 2.0);
    return r;
  }

  /** Every Parquet row under a folder, read with the Avro Parquet reader. */
  private static List<GenericRecord> readAll(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
    }
    assertTrue(!files.isEmpty(), "no Parquet under " + folder);
    List<GenericRecord> rows = new ArrayList<>();
    for (Path f : files) {
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(
                  HadoopInputFile.fromPath(
                      new org.apache.hadoop.fs.Path(f.toUri()), new org.apache.hadoop.conf.Configuration()))
              .build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          rows.add(r);
        }
      }
    }
    return rows;
  }
}
