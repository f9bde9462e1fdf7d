package dev.voicegen.beam.manifest;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.Schemas;
import dev.voicegen.manifest.ManifestEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * For {@code --resume}: the earlier run's metadata rows (moved aside by the driver) and the test of
 * whether one stands for a manifest row: same text, language, speaker id and sample, and its audio
 * file still there.
 */
final class PreviousRun {
  private PreviousRun() {}

  /** The earlier run's metadata rows, keyed by id. */
  static PCollection<KV<String, GenericRecord>> read(Pipeline pipeline, String previousMetadataGlob) {
    AvroCoder<GenericRecord> coder = AvroCoder.of(Schemas.metadataRow());
    return pipeline
        .apply(
            "MatchPreviousMetadata",
            FileIO.match()
                .filepattern(previousMetadataGlob)
                .withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
        .apply("OpenPreviousMetadata", FileIO.readMatches())
        .apply("ReadPreviousMetadata", ParquetIO.readFiles(Schemas.metadataRow()))
        .setCoder(coder)
        .apply("KeyPreviousById", WithKeys.of((GenericRecord r) -> r.get("id").toString()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder));
  }

  /**
   * What must be equal for an earlier row to stand for a manifest row (besides its audio): text,
   * language, speaker id and sample, joined unambiguously.
   */
  private static String rowKey(String text, String language, String speakerId, String speakerWav) {
    return text.length() + ":" + text + "|" + language + "|" + speakerId.length() + ":" + speakerId + "|" + speakerWav;
  }

  /** A 64-bit digest of a manifest row's {@link #rowKey}: what the manifest scan keeps per row. */
  static long rowDigest(ManifestEntry e) {
    return digest(rowKey(e.text(), e.language(), e.speakerId(), e.speakerWav()));
  }

  /** The same digest of an earlier metadata row. */
  static long rowDigest(GenericRecord r) {
    return digest(rowKey(String.valueOf(r.get("text")), String.valueOf(r.get("language")),
        String.valueOf(r.get("speaker_id")), String.valueOf(r.get("speaker_wav"))));
  }

  private static long digest(String rowKey) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(rowKey.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Whether an earlier metadata row's audio file is still there and more than a WAV header. */
  static boolean audioExists(OutputLayout layout, GenericRecord r) throws IOException {
    String path = layout.resolve(String.valueOf(r.get("audio_filepath")));
    MatchResult match = FileSystems.match(List.of(path)).get(0);
    return match.status() == MatchResult.Status.OK
        && !match.metadata().isEmpty()
        && match.metadata().get(0).sizeBytes() > 44;
  }
}
