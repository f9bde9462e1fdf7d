package dev.voicegen.beam.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Pieces shared by the jobs' statistics: count lines, latency accumulation, the stats file. */
public final class StatisticsLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatisticsLines() {}

  /** Writes a job's statistics lines to {@code _stats/stats.jsonl}, which the driver reads at the end. */
  public static PDone write(PCollection<String> lines, OutputLayout layout) {
    return lines.apply(
        "WriteStatistics",
        TextIO.write()
            .to(layout.resolve(OutputLayout.STATS + "/stats"))
            .withSuffix(".jsonl")
            .withoutSharding()
            .withTempDirectory(layout.directory(OutputLayout.TEMP)));
  }

  /** A {@code {"kind":"count","name":..,"value":..}} line from a single count. */
  public static PCollection<String> count(String name, PCollection<Long> value) {
    return value.apply(
        "Line_" + name,
        MapElements.into(TypeDescriptors.strings())
            .via(
                (Long n) -> {
                  ObjectNode node = JSON.createObjectNode();
                  node.put("kind", "count");
                  node.put("name", name);
                  node.put("value", n);
                  return node.toString();
                }));
  }

  /**
   * {@code {"kind":"failure","stage":..,"reason":..,"count":..}} lines from one
   * {@code stage<TAB>reason} element per failure.
   */
  public static PCollection<String> failureLines(PCollection<String> stageTabReason) {
    return stageTabReason
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
  }

  /**
   * Per-key count, mean, p50, p95 and max of {@code values}, one line each:
   * {@code {"kind":<kind>,<keyField>:<key>,"count":..,"mean<suffix>":..,...}}.
   *
   * @param name prefix of the two step names ({@code <name>Statistics}, {@code <name>Lines})
   * @param suffix appended to the statistic names, e.g. {@code _ms}
   */
  public static PCollection<String> distributionLines(
      String name, PCollection<KV<String, Double>> values, String kind, String keyField, String suffix) {
    return values
        .apply(name + "Statistics", Combine.perKey(new TimingStatsFn()))
        .apply(
            name + "Lines",
            MapElements.into(TypeDescriptors.strings())
                .via(
                    (KV<String, TimingStats> kv) -> {
                      TimingStats s = kv.getValue();
                      ObjectNode n = JSON.createObjectNode();
                      n.put("kind", kind);
                      n.put(keyField, kv.getKey());
                      n.put("count", s.count());
                      n.put("mean" + suffix, s.mean());
                      n.put("p50" + suffix, s.percentile(0.50));
                      n.put("p95" + suffix, s.percentile(0.95));
                      n.put("max" + suffix, s.max());
                      return n.toString();
                    }));
  }

  /** Accumulates latencies (or any non-negative values) per key into {@link TimingStats}. */
  public static final class TimingStatsFn extends Combine.CombineFn<Double, TimingStats, TimingStats> {
    @Override
    public TimingStats createAccumulator() {
      return new TimingStats();
    }

    @Override
    public TimingStats addInput(TimingStats acc, Double ms) {
      acc.add(ms);
      return acc;
    }

    @Override
    public TimingStats mergeAccumulators(Iterable<TimingStats> accs) {
      TimingStats merged = new TimingStats();
      for (TimingStats a : accs) {
        merged.merge(a);
      }
      return merged;
    }

    @Override
    public TimingStats extractOutput(TimingStats acc) {
      return acc;
    }

    @Override
    public Coder<TimingStats> getAccumulatorCoder(CoderRegistry registry, Coder<Double> input) {
      return SerializableCoder.of(TimingStats.class);
    }

    @Override
    public Coder<TimingStats> getDefaultOutputCoder(CoderRegistry registry, Coder<Double> input) {
      return SerializableCoder.of(TimingStats.class);
    }
  }
}
