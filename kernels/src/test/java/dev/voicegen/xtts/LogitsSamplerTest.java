package dev.voicegen.xtts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogitsSamplerTest {
  private static final float INF = Float.NEGATIVE_INFINITY;

  @Test
  void repetitionPenaltyDividesPositiveAndMultipliesNegativeSeenLogits() {
    float[] l = {2f, -2f, 3f, -1f, 0f};
    boolean[] seen = {true, true, false, false, true};
    LogitsSampler.applyRepetitionPenalty(l, seen, 10f);
    assertArrayEquals(new float[] {0.2f, -20f, 3f, -1f, 0f}, l, 1e-6f);
  }

  @Test
  void temperatureDividesLogits() {
    float[] l = {1.5f, -3f, 0f};
    LogitsSampler.applyTemperature(l, 0.75f);
    assertArrayEquals(new float[] {2f, -4f, 0f}, l, 1e-6f);
  }

  @Test
  void topKKeepsTheKLargestAndTies() {
    LogitsSampler s = new LogitsSampler(SamplingParams.defaults(), 6);
    float[] l = {0.1f, 5f, 3f, 3f, -1f, 4f};
    s.applyTopK(l, 3);
    assertArrayEquals(new float[] {INF, 5f, 3f, 3f, INF, 4f}, l, "ties with the k-th value stay (HF)");
    float[] m = {0.1f, 5f, 2f, 3f, -1f, 4f};
    s.applyTopK(m, 2);
    assertArrayEquals(new float[] {INF, 5f, INF, INF, INF, 4f}, m);
  }

  @Test
  void topPKeepsTheSmallestSetReachingTheMass() {
    LogitsSampler s = new LogitsSampler(SamplingParams.defaults(), 4);
    // probabilities 0.5, 0.3, 0.15, 0.05 (logits = ln p)
    float[] l = {(float) Math.log(0.15), (float) Math.log(0.5), (float) Math.log(0.05), (float) Math.log(0.3)};
    assertEquals(2, s.applyTopP(l.clone(), 0.7f), "0.5 < 0.7 so 0.3 joins; 0.8 reaches 0.7");
    float[] kept = l.clone();
    assertEquals(3, s.applyTopP(kept, 0.85f), "XTTS default 0.85 keeps three");
    assertEquals(INF, kept[2]);
    assertEquals(1, s.applyTopP(l.clone(), 0.4f), "the top id is always kept");
    assertEquals(4, s.applyTopP(l.clone(), 1f));
  }

  @Test
  void drawFollowsTheFilteredDistribution() {
    LogitsSampler s = new LogitsSampler(SamplingParams.defaults(), 3);
    float[] l = {0f, (float) Math.log(3), INF};
    int kept = s.applyTopP(l, 1f);
    assertEquals(2, kept);
    assertEquals(1, s.draw(kept, 0.0));
    assertEquals(1, s.draw(kept, 0.74));
    assertEquals(0, s.draw(kept, 0.76));
  }

  @Test
  void sampleNeverPicksFilteredIdsAndIsSeedDeterministic() {
    SamplingParams p = SamplingParams.defaults().withTopK(5).withTopP(1f).withRepetitionPenalty(1f);
    LogitsSampler s = new LogitsSampler(p, 100);
    int[] counts = new int[100];
    SplittableRandom rng = new SplittableRandom(9);
    for (int n = 0; n < 2000; n++) {
      counts[s.sample(ramp(100), new boolean[100], rng)]++;
    }
    for (int i = 0; i < 95; i++) {
      assertEquals(0, counts[i], "id " + i + " is outside the top 5");
    }
    assertTrue(counts[99] > counts[95], "larger logits are drawn more often");
    int a = s.sample(ramp(100), new boolean[100], new SplittableRandom(3));
    int b = s.sample(ramp(100), new boolean[100], new SplittableRandom(3));
    assertEquals(a, b);
  }

  @Test
  void penaltyAppliesBeforeFiltering() {
    // id 3 has the top logit but was seen: 4/10 = 0.4 drops it below id 2, so top-1 picks 2.
    SamplingParams p = SamplingParams.defaults().withTopK(1);
    LogitsSampler s = new LogitsSampler(p, 4);
    boolean[] seen = {false, false, false, true};
    assertEquals(2, s.sample(new float[] {0f, 1f, 2f, 4f}, seen, new SplittableRandom(1)));
  }

  @Test
  void sortsLargeCandidateSetsDescending() {
    float[] l = ramp(500);
    int[] ids = new int[500];
    for (int i = 0; i < 500; i++) {
      ids[i] = (i * 37) % 500;
    }
    LogitsSampler.sortDescending(l, ids, 500);
    for (int i = 0; i < 500; i++) {
      assertEquals(499 - i, ids[i]);
    }
    assertEquals(97f * 0.01f, LogitsSampler.kthLargest(ramp(100), 100, 3), 1e-6f);
  }

  private static float[] ramp(int n) {
    float[] l = new float[n];
    for (int i = 0; i < n; i++) {
      l[i] = i * 0.01f;
    }
    return l;
  }
}
