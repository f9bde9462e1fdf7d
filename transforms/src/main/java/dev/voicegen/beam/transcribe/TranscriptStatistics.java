package dev.voicegen.beam.transcribe;

import dev.voicegen.beam.StatisticsLines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.beam.TimingStats;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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
        failures
            .apply(
                "FailureKinds",
                MapElements.into(TypeDescriptors.strings())
                    .via((TranscribeFailure f) -> f.stage().label() + "\t" + f.errorClass()))
            .apply("CountFailureKinds", Count.perElement())
            .apply(
                "FailureLines",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<String, Long> kv) -> {
                          String[] stageAndReason = kv.getKey().split("\t", 2);
                          ObjectNode n = JSON.createObjectNode();
                          n.put("kind", "failure");
                          n.put("stage", stageAndReason[0]);
                          n.put("reason", stageAndReason[1]);
                          n.put("count", kv.getValue());
                          return n.toString();
                        }));
    PCollection<String> timings =
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
            .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
            .apply("TimingStatistics", Combine.perKey(new StatisticsLines.TimingStatsFn()))
            .apply(
                "TimingLines",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<String, TimingStats> kv) -> {
                          TimingStats s = kv.getValue();
                          ObjectNode n = JSON.createObjectNode();
                          n.put("kind", "timing");
                          n.put("stage", kv.getKey());
                          n.put("count", s.count());
                          n.put("mean_ms", s.mean());
                          n.put("p50_ms", s.percentile(0.50));
                          n.put("p95_ms", s.percentile(0.95));
                          n.put("max_ms", s.max());
                          return n.toString();
                        }));
    return PCollectionList.of(counts)
        .and(failureKinds)
        .and(timings)
        .apply("AllStatistics", Flatten.pCollections());
  }
}
