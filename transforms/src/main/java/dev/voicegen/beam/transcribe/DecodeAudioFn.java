package dev.voicegen.beam.transcribe;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StageMetrics;
import java.io.IOException;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Reads and decodes one matched file; a file that cannot be read or decoded becomes a failure. */
final class DecodeAudioFn extends DoFn<FileIO.ReadableFile, DecodedAudio> {
  private static final Logger LOG = LogManager.getLogger(DecodeAudioFn.class);
  private final TupleTag<TranscribeFailure> failures;
  private final StageMetrics metrics = new StageMetrics(Stage.DECODE);

  DecodeAudioFn(TupleTag<TranscribeFailure> failures) {
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
      out.get(TranscribeAudio.DECODED).output(new DecodedAudio(file, clip, ms));
    } catch (IOException | RuntimeException e) {
      metrics.failed(StageMetrics.since(start));
      LOG.warn("Cannot decode {}: {}", file.uri(), e.getMessage());
      out.get(failures).output(TranscribeFailure.of(file, TranscribeStage.DECODE, e));
    }
  }
}
