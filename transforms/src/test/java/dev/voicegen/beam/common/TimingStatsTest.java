package dev.voicegen.beam.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TimingStatsTest {

  @Test
  void percentilesAreWithinOnePercentOfExact() {
    Random random = new Random(3);
    double[] values = new double[10_000];
    TimingStats a = new TimingStats();
    TimingStats b = new TimingStats();
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextGaussian() * 1.5 + 3);
      (i % 2 == 0 ? a : b).add(values[i]);
    }
    TimingStats s = a.merge(b);
    java.util.Arrays.sort(values);
    assertEquals(values.length, s.count());
    assertEquals(values[values.length - 1], s.max(), 0);
    for (double q : new double[] {0.5, 0.95, 0.99}) {
      double exact = values[(int) Math.ceil(q * values.length) - 1];
      assertEquals(exact, s.percentile(q), exact * 0.0101, "p" + q);
    }
    double mean = java.util.Arrays.stream(values).average().orElseThrow();
    assertEquals(mean, s.mean(), 1e-9 * mean);
  }

  @Test
  void emptyAndTinyValues() {
    TimingStats s = new TimingStats();
    assertEquals(0, s.percentile(0.5));
    s.add(0);
    s.add(0.0005);
    assertEquals(0.0005, s.max());
    assertEquals(0.0005, s.percentile(1.0), 1e-12);
  }
}
