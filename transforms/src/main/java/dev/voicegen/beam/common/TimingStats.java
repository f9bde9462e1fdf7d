package dev.voicegen.beam.common;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Count, mean, max and percentiles of stage latencies in bounded memory: values fall into
 * logarithmic buckets 1% wide, so a percentile is exact to within 1% however many rows there are.
 */
public final class TimingStats implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double GROWTH = 1.01;
  private static final double LOG_GROWTH = Math.log(GROWTH);
  /** Values at or below this (ms) share bucket 0. */
  private static final double FLOOR_MS = 0.001;

  private final TreeMap<Integer, Long> buckets = new TreeMap<>();
  private long count;
  private double sum;
  private double max = Double.NEGATIVE_INFINITY;

  public void add(double ms) {
    int bucket = ms <= FLOOR_MS ? 0 : 1 + (int) Math.floor(Math.log(ms / FLOOR_MS) / LOG_GROWTH);
    buckets.merge(bucket, 1L, Long::sum);
    count++;
    sum += ms;
    max = Math.max(max, ms);
  }

  public TimingStats merge(TimingStats other) {
    other.buckets.forEach((b, n) -> buckets.merge(b, n, Long::sum));
    count += other.count;
    sum += other.sum;
    max = Math.max(max, other.max);
    return this;
  }

  public long count() {
    return count;
  }

  public double mean() {
    return count == 0 ? 0 : sum / count;
  }

  public double max() {
    return count == 0 ? 0 : max;
  }

  /**
   * The value below which a fraction {@code q} of the values lie (nearest rank), as the upper
   * edge of its bucket, capped at the maximum.
   */
  public double percentile(double q) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * count));
    long seen = 0;
    for (Map.Entry<Integer, Long> e : buckets.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        double upper = e.getKey() == 0 ? FLOOR_MS : FLOOR_MS * Math.pow(GROWTH, e.getKey());
        return Math.min(upper, max);
      }
    }
    return max;
  }
}
