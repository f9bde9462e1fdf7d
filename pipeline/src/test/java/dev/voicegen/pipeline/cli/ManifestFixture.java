package dev.voicegen.pipeline.cli;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.io.WavWriter;
import dev.voicegen.beam.common.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;

/**
 * Builds test inputs from the real demo recordings (espeak-ng speech altered with sox, committed
 * under run-configs/demo/voices): voice files, broken files, and manifests in every format.
 */
final class ManifestFixture {
  static final Path DEMO_VOICES = Path.of("..", "run-configs", "demo", "voices").toAbsolutePath();

  final Path dir;
  final Path voices;

  ManifestFixture(Path dir) throws IOException {
    this.dir = dir;
    this.voices = Files.createDirectories(dir.resolve("voices"));
  }

  /** Copies a demo recording into voices/. */
  Path demoVoice(String name) throws IOException {
    return Files.copy(DEMO_VOICES.resolve(name), voices.resolve(name));
  }

  /** A real recording scaled by {@code gain}: same speech, different content hash. */
  Path scaledVoice(String name, double gain) throws IOException {
    AudioClip clip = AudioDecoder.decode(DEMO_VOICES.resolve("alice.wav"));
    float[] src = clip.channel(0);
    float[] out = new float[src.length];
    for (int i = 0; i < src.length; i++) {
      out[i] = (float) (src[i] * gain);
    }
    return Files.write(voices.resolve(name), WavWriter.toWav16(AudioClip.mono(clip.sampleRate(), out)));
  }

  Path emptyFile(String name) throws IOException {
    return Files.write(voices.resolve(name), new byte[0]);
  }

  /** The first {@code bytes} bytes of a real WAV file. */
  Path truncatedWav(String name, int bytes) throws IOException {
    byte[] all = Files.readAllBytes(DEMO_VOICES.resolve("alice.wav"));
    return Files.write(voices.resolve(name), Arrays.copyOf(all, bytes));
  }

  Path randomBytes(String name, int size, long seed) throws IOException {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return Files.write(voices.resolve(name), b);
  }

  Path textFile(String name, String content) throws IOException {
    return Files.writeString(voices.resolve(name), content, StandardCharsets.UTF_8);
  }

  Path csv(String name, List<String> lines) throws IOException {
    return Files.write(dir.resolve(name), lines, StandardCharsets.UTF_8);
  }

  /** A Parquet manifest written with the manifest row schema, as users would produce it. */
  Path parquet(String name, List<String[]> rows) throws IOException {
    Path file = dir.resolve(name);
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(
                HadoopOutputFile.fromPath(
                    new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
            .withSchema(Schemas.manifestRow())
            .build()) {
      for (String[] row : rows) {
        GenericRecord r = new GenericData.Record(Schemas.manifestRow());
        r.put("id", row[0]);
        r.put("text", row[1]);
        r.put("speaker_wav", row[2]);
        r.put("language", row[3]);
        r.put("speaker_id", row.length > 4 ? row[4] : null);
        writer.write(r);
      }
    }
    return file;
  }

  /** {@code n} CSV lines {@code prefix-000..} over the given sample paths, round robin. */
  static List<String> rows(String prefix, int n, List<String> samples) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(
          String.format(
              "%s-%03d,\"Sentence number %d, short.\",%s,en,", prefix, i, i, samples.get(i % samples.size())));
    }
    return lines;
  }
}
