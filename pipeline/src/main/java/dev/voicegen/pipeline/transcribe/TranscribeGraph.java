package dev.voicegen.pipeline.transcribe;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.transcribe.TranscribeAudio;
import dev.voicegen.beam.transcribe.WriteTranscripts;
import dev.voicegen.whisper.SharedWhisperModels;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The transcribe job: MatchAudioFiles, ReadAudioFiles, TranscribeAudio, WriteTranscripts. {@link
 * TranscribeJob} prepares the output, builds the pipeline here, runs it and writes summary.json.
 */
final class TranscribeGraph {
  /** MFCC coefficients per frame when --mfcc is not given (librosa's default n_mfcc). */
  static final int DEFAULT_MFCC = 13;

  private TranscribeGraph() {}

  /** Adds the job's transforms: files are matched and read as a stream, never listed in the driver. */
  static void build(
      Pipeline pipeline, TranscribeOptions options, SharedWhisperModels.Key model, OutputLayout layout) {
    TranscribeAudio.Settings settings =
        new TranscribeAudio.Settings(
            model, options.getLanguage(), options.getBatchSize(), mfcc(options));
    PCollection<MatchResult.Metadata> matched =
        pipeline.apply(
            "MatchAudioFiles",
            FileIO.match().filepattern(options.getInput()).withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW));
    PCollectionTuple transcribed =
        matched
            .apply("ReadAudioFiles", FileIO.readMatches())
            .apply("TranscribeAudio", new TranscribeAudio(settings));
    transcribed
        .and(WriteTranscripts.FILES_IN, matched.apply("CountFiles", Count.globally()))
        .apply("WriteTranscripts", new WriteTranscripts(layout));
  }

  static int mfcc(TranscribeOptions o) {
    return o.getMfcc() == null ? DEFAULT_MFCC : o.getMfcc();
  }

}
