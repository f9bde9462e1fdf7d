package dev.voicegen.beam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Pieces shared by the jobs' statistics: count lines and latency accumulation. */
public final class StatisticsLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatisticsLines() {}

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
