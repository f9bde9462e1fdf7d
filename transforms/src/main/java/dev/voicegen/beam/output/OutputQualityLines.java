package dev.voicegen.beam.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.beam.common.StatisticsLines;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The quality of the written outputs for summary.json: the distribution (count, mean, p50, p95,
 * max) of each DNSMOS column over the rows that have it ({@code kind: quality}), and how many rows
 * were kept at each attempt ({@code kind: attempts}).
 */
final class OutputQualityLines {
  static final List<String> DNSMOS_COLUMNS = List.of("dnsmos_sig", "dnsmos_bak", "dnsmos_ovrl", "dnsmos_p808");
  private static final ObjectMapper JSON = new ObjectMapper();

  private OutputQualityLines() {}

  static PCollection<String> of(PCollection<GenericRecord> written) {
    PCollection<KV<String, Double>> scores =
        written
            .apply(
                "DnsmosScores",
                FlatMapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                    .via(OutputQualityLines::dnsmos))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()));
    PCollection<String> quality =
        StatisticsLines.distributionLines("Dnsmos", scores, "quality", "metric", "");
    PCollection<String> attempts =
        written
            .apply(
                "AttemptCounts",
                FlatMapElements.into(TypeDescriptors.integers())
                    .via((GenericRecord r) -> r.get("attempts") == null ? List.<Integer>of() : List.of((Integer) r.get("attempts"))))
            .setCoder(VarIntCoder.of())
            .apply("RowsPerAttempts", Count.perElement())
            .apply(
                "AttemptLines",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<Integer, Long> kv) -> {
                          ObjectNode n = JSON.createObjectNode();
                          n.put("kind", "attempts");
                          n.put("attempts", kv.getKey());
                          n.put("rows", kv.getValue());
                          return n.toString();
                        }));
    return PCollectionList.of(quality).and(attempts).apply("OutputQuality", org.apache.beam.sdk.transforms.Flatten.pCollections());
  }

  private static List<KV<String, Double>> dnsmos(GenericRecord r) {
    List<KV<String, Double>> out = new ArrayList<>();
    for (String c : DNSMOS_COLUMNS) {
      Object v = r.get(c);
      if (v != null) {
        out.add(KV.of(c, (Double) v));
      }
    }
    return out;
  }
}
