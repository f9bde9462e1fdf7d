package dev.voicegen.beam.transcribe;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.beam.common.SharedResourceFn;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.quality.QualityModels;
import dev.voicegen.quality.SharedQualityModels;
import dev.voicegen.quality.VadResult;
import java.io.IOException;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reads and decodes one matched file and measures its seconds of speech with Silero VAD where the
 * JVM's quality models hold it; a file that cannot be read or decoded becomes a failure.
 */
final class DecodeAudioFn
    extends SharedResourceFn<FileIO.ReadableFile, DecodedAudio, QualityModels> {
  private static final Logger LOG = LogManager.getLogger(DecodeAudioFn.class);
  private final TupleTag<TranscribeFailure> failures;
  private final StageMetrics metrics = new StageMetrics(Stage.DECODE);

  /** @param models the quality models whose Silero VAD gives speech_s, or null for none */
  DecodeAudioFn(TupleTag<TranscribeFailure> failures, SharedQualityModels.Key models) {
    super(models == null ? SharedQualityModels.none() : models);
    this.failures = failures;
  }

  @ProcessElement
  public void process(@Element FileIO.ReadableFile readable, MultiOutputReceiver out) {
    long start = System.nanoTime();
    AudioFile file = AudioFile.of(readable.getMetadata().resourceId().toString());
    try {
      byte[] bytes = readable.readFullyAsBytes();
      AudioClip clip = AudioDecoder.decode(file.uri(), bytes);
      double ms = StageMetrics.since(start);
      metrics.ok(ms);
      VadResult speech = resource() == null ? null : resource().detectSpeech(clip);
      out.get(TranscribeAudio.DECODED)
          .output(new DecodedAudio(file, clip, ms, speech == null ? null : speech.speechSeconds()));
    } catch (IOException | RuntimeException e) {
      metrics.failed(StageMetrics.since(start));
      LOG.warn("Cannot decode {}: {}", file.uri(), e.getMessage());
      out.get(failures).output(TranscribeFailure.of(file, TranscribeStage.DECODE, e));
    }
  }
}
