package dev.voicegen.beam.output;

import dev.voicegen.beam.common.FailedRow;
import dev.voicegen.beam.common.Stage;
import dev.voicegen.beam.common.StatisticsLines;
import dev.voicegen.beam.voice.VoiceSample;
import dev.voicegen.beam.common.VoiceTimings;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Computes the run's statistics from the data itself (exact on any runner): row counts, failures
 * by stage and reason, per-stage latency statistics, the outputs' DNSMOS distributions and the
 * attempts histogram ({@link OutputQualityLines}), as JSON lines for the driver's summary.
 */
final class RunStatistics {

  private RunStatistics() {}

  static PCollection<String> lines(
      Pipeline pipeline,
      PCollection<Long> rowsRead,
      PCollection<GenericRecord> metadata,
      PCollection<GenericRecord> written,
      PCollection<FailedRow> failures,
      PCollection<GenericRecord> kept,
      PCollection<KV<String, VoiceSample>> voices) {
    List<PCollection<String>> parts = new ArrayList<>();
    parts.add(StatisticsLines.count("rows_in", rowsRead.apply("SumRowsRead", Sum.longsGlobally())));
    parts.add(StatisticsLines.count("rows_ok", metadata.apply("CountOk", Count.globally())));
    parts.add(StatisticsLines.count("rows_failed", failures.apply("CountFailed", Count.globally())));
    parts.add(StatisticsLines.count("rows_skipped", kept.apply("CountSkipped", Count.globally())));

    parts.add(
        StatisticsLines.failureLines(
            failures.apply(
                "FailureKinds",
                MapElements.into(TypeDescriptors.strings())
                    .via((FailedRow f) -> f.stage().label() + "\t" + f.errorClass()))));

    Coder<KV<String, Double>> timingCoder = KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of());
    PCollection<KV<String, Double>> sampleTimings =
        voices
            .apply(
                "SampleTimings",
                FlatMapElements.into(timingType()).via((KV<String, VoiceSample> kv) -> sampleTimings(kv.getValue())))
            .setCoder(timingCoder);
    PCollection<KV<String, Double>> rowTimings =
        written
            .apply(
                "RowTimings",
                FlatMapElements.into(timingType())
                    .via(
                        (GenericRecord r) ->
                            List.of(
                                KV.of(Stage.SYNTHESIZE.label(), (Double) r.get("synthesize_ms")),
                                KV.of(Stage.POSTPROCESS.label(), (Double) r.get("postprocess_ms")),
                                KV.of(Stage.WRITE.label(), (Double) r.get("write_ms")))))
            .setCoder(timingCoder);
    parts.add(
        StatisticsLines.distributionLines(
            "Timing",
            PCollectionList.of(sampleTimings).and(rowTimings).apply("AllTimings", Flatten.pCollections()),
            "timing",
            "stage",
            "_ms"));
    PCollection<KV<String, Double>> errorRates =
        written
            .apply(
                "ErrorRates",
                FlatMapElements.into(timingType())
                    .via(
                        (GenericRecord r) ->
                            r.get("cer") == null
                                ? List.<KV<String, Double>>of()
                                : List.of(
                                    KV.of("cer", (Double) r.get("cer")),
                                    KV.of("wer", (Double) r.get("wer")))))
            .setCoder(timingCoder);
    parts.add(StatisticsLines.distributionLines("ErrorRate", errorRates, "asr", "metric", ""));
    parts.add(OutputQualityLines.of(written));
    return PCollectionList.of(parts).apply("AllStatistics", Flatten.pCollections());
  }

  private static TypeDescriptor<KV<String, Double>> timingType() {
    return TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles());
  }

  private static List<KV<String, Double>> sampleTimings(VoiceSample v) {
    List<KV<String, Double>> out = new ArrayList<>();
    VoiceTimings t = v.timings();
    // a stage that never ran for this sample (an earlier one failed) has no timing
    if (t.decodeMs() > 0) {
      out.add(KV.of(Stage.DECODE.label(), t.decodeMs()));
    }
    if (t.analyzeMs() > 0) {
      out.add(KV.of(Stage.ANALYZE.label(), t.analyzeMs()));
    }
    if (t.optimizeMs() > 0) {
      out.add(KV.of(Stage.OPTIMIZE.label(), t.optimizeMs()));
    }
    if (t.preprocessMs() > 0) {
      out.add(KV.of(Stage.PREPROCESS.label(), t.preprocessMs()));
    }
    return out;
  }
}
