package dev.voicegen.beam.transcribe;

import dev.voicegen.beam.common.Schemas;
import dev.voicegen.quality.SharedQualityModels;
import dev.voicegen.whisper.SharedWhisperModels;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * DecodeAudio then TranscribeSpeech (Whisper, batched, with the MFCC matrix): readable files in,
 * {@link #TRANSCRIPTS} (transcript rows) and {@link #FAILURES} out.
 */
public final class TranscribeAudio
    extends PTransform<PCollection<FileIO.ReadableFile>, PCollectionTuple> {
  public static final TupleTag<GenericRecord> TRANSCRIPTS = new TupleTag<>() {};
  public static final TupleTag<TranscribeFailure> FAILURES = new TupleTag<>() {};
  static final TupleTag<DecodedAudio> DECODED = new TupleTag<>() {};
  private static final TupleTag<TranscribeFailure> DECODE_FAILED = new TupleTag<>() {};
  private static final TupleTag<TranscribeFailure> TRANSCRIBE_FAILED = new TupleTag<>() {};

  private final Settings settings;
  private final SharedQualityModels.Key qualityModels;

  /**
   * How files are transcribed.
   *
   * @param model which Whisper model, on which device
   * @param language a language code for every file, or null to detect each file's language
   * @param batchSize files per Whisper batch
   * @param mfcc MFCC coefficients per frame
   */
  public record Settings(SharedWhisperModels.Key model, String language, int batchSize, int mfcc)
      implements java.io.Serializable {
    public Settings {
      if (batchSize < 1) {
        throw new IllegalArgumentException("--batchSize=" + batchSize + ": use 1 or more");
      }
      if (mfcc < 1 || mfcc > 128) {
        throw new IllegalArgumentException("--mfcc=" + mfcc + ": use 1 to 128 coefficients");
      }
      if (language != null && language.isBlank()) {
        language = null;
      }
    }
  }

  public TranscribeAudio(Settings settings) {
    this(settings, null);
  }

  /** @param qualityModels the quality models whose Silero VAD gives speech_s, or null for none */
  public TranscribeAudio(Settings settings, SharedQualityModels.Key qualityModels) {
    this.settings = settings;
    this.qualityModels = qualityModels;
  }

  @Override
  public PCollectionTuple expand(PCollection<FileIO.ReadableFile> files) {
    SerializableCoder<TranscribeFailure> failureCoder = SerializableCoder.of(TranscribeFailure.class);
    PCollectionTuple decoded =
        files.apply(
            "DecodeAudio",
            ParDo.of(new DecodeAudioFn(DECODE_FAILED, qualityModels))
                .withOutputTags(DECODED, TupleTagList.of(DECODE_FAILED)));
    decoded.get(DECODED).setCoder(SerializableCoder.of(DecodedAudio.class));
    PCollectionTuple transcribed =
        decoded
            .get(DECODED)
            .apply(
                "TranscribeSpeech",
                ParDo.of(
                        new TranscribeBatchFn(
                            settings.model(),
                            settings.language(),
                            settings.batchSize(),
                            settings.mfcc(),
                            TRANSCRIPTS,
                            TRANSCRIBE_FAILED))
                    .withOutputTags(TRANSCRIPTS, TupleTagList.of(TRANSCRIBE_FAILED)));
    PCollection<TranscribeFailure> failures =
        PCollectionList.of(decoded.get(DECODE_FAILED).setCoder(failureCoder))
            .and(transcribed.get(TRANSCRIBE_FAILED).setCoder(failureCoder))
            .apply("AllFailures", Flatten.pCollections());
    return PCollectionTuple.of(
            TRANSCRIPTS,
            transcribed.get(TRANSCRIPTS).setCoder(AvroCoder.of(Schemas.transcriptRow())))
        .and(FAILURES, failures);
  }
}
