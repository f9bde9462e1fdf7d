package dev.voicegen.beam.transcribe;

import dev.voicegen.beam.common.StatisticsLines;

import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The transcribe job's statistics, computed from the data (exact on any runner), as JSON lines:
 * file counts, failures by stage and reason, and per-stage latency statistics.
 */
final class TranscriptStatistics {

  private TranscriptStatistics() {}

  static PCollection<String> lines(
      PCollection<Long> filesIn,
      PCollection<GenericRecord> transcripts,
      PCollection<TranscribeFailure> failures) {
    PCollection<String> counts =
        PCollectionList.of(StatisticsLines.count("files_in", filesIn))
            .and(StatisticsLines.count("files_ok", transcripts.apply("CountOk", Count.globally())))
            .and(StatisticsLines.count("files_failed", failures.apply("CountFailed", Count.globally())))
            .apply("AllCounts", Flatten.pCollections());
    PCollection<String> failureKinds =
        StatisticsLines.failureLines(
            failures.apply(
                "FailureKinds",
                MapElements.into(TypeDescriptors.strings())
                    .via((TranscribeFailure f) -> f.stage().label() + "\t" + f.errorClass())));
    PCollection<KV<String, Double>> stageTimings =
        transcripts
            .apply(
                "StageTimings",
                FlatMapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                    .via(
                        (GenericRecord r) ->
                            List.of(
                                KV.of(TranscribeStage.DECODE.label(), (Double) r.get("decode_ms")),
                                KV.of(TranscribeStage.TRANSCRIBE.label(), (Double) r.get("transcribe_ms")),
                                KV.of(TranscribeStage.MFCC.label(), (Double) r.get("mfcc_ms")))))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()));
    PCollection<String> timings =
        StatisticsLines.distributionLines("Timing", stageTimings, "timing", "stage", "_ms");
    return PCollectionList.of(counts)
        .and(failureKinds)
        .and(timings)
        .apply("AllStatistics", Flatten.pCollections());
  }
}
