package dev.voicegen.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Gates, the best-attempt order and the seeds of later attempts. */
class BestAttemptTest {
  private static final AcceptanceGates GATES = new AcceptanceGates(0.2, 0.7, 3.0);

  private static AttemptScores scores(int attempt, Double ovrl, Double similarity, Double cer) {
    AttemptScores s = new AttemptScores(attempt, 100L + attempt, 3.1, 3.2, ovrl, 3.3, similarity, cer, List.of());
    return s.missing(GATES.missed(s));
  }

  @Test
  void eachGateIsMissedOnItsOwnScoreAndAMissingScoreMissesItsGate() {
    assertEquals(List.of(), scores(1, 3.0, 0.7, 0.2).missedGates(), "on the threshold passes");
    assertEquals(List.of("maxCer"), scores(1, 3.5, 0.9, 0.21).missedGates());
    assertEquals(List.of("minSpeakerSimilarity"), scores(1, 3.5, 0.69, 0.0).missedGates());
    assertEquals(List.of("minDnsmos"), scores(1, 2.99, 0.9, 0.0).missedGates());
    assertEquals(List.of("maxCer", "minSpeakerSimilarity", "minDnsmos"), scores(1, null, null, null).missedGates());
    AttemptScores unscored = new AttemptScores(1, null, null, null, null, null, null, null, List.of());
    assertEquals(List.of(), AcceptanceGates.NONE.missed(unscored), "no gate, nothing missed");
    assertEquals(List.of("minDnsmos"), new AcceptanceGates(null, null, 1.0).missed(unscored));
  }

  @Test
  void theBestPassesMostGatesThenScoresHigherThenCameFirst() {
    AttemptScores passes = scores(3, 3.1, 0.75, 0.1);
    AttemptScores oneMissHighDnsmos = scores(1, 4.9, 0.5, 0.0);
    AttemptScores twoMisses = scores(2, 4.95, 0.1, 0.5);
    assertEquals(2, twoMisses.missedGates().size());
    assertEquals(passes, BestAttempt.of(List.of(oneMissHighDnsmos, twoMisses, passes)));
    assertEquals(oneMissHighDnsmos, BestAttempt.of(List.of(twoMisses, oneMissHighDnsmos)));

    // all missing the same gate: higher DNSMOS, then higher similarity, then lower CER, then earlier
    AttemptScores low = scores(1, 2.0, 0.9, 0.0);
    AttemptScores high = scores(2, 2.5, 0.9, 0.0);
    assertEquals(high, BestAttempt.of(List.of(low, high)));
    AttemptScores similar = scores(2, 2.0, 0.95, 0.0);
    assertEquals(similar, BestAttempt.of(List.of(low, similar)));
    AttemptScores clearer = scores(3, 2.0, 0.9, 0.0);
    AttemptScores murkier = scores(1, 2.0, 0.9, 0.15);
    assertEquals(clearer, BestAttempt.of(List.of(murkier, clearer)));
    AttemptScores again = scores(4, 2.0, 0.9, 0.0);
    assertEquals(low, BestAttempt.of(List.of(again, low)), "a tie goes to the earlier attempt");
    AttemptScores unscored = scores(2, null, 0.9, 0.0);
    assertEquals(low, BestAttempt.of(List.of(unscored, low)), "a score not computed ranks last");
  }

  @Test
  void theChoiceDoesNotDependOnTheOrderTheAttemptsArrive() {
    List<AttemptScores> all = new ArrayList<>();
    for (int k = 1; k <= 6; k++) {
      all.add(scores(k, 2.0 + (k % 3) * 0.3, 0.6 + (k % 2) * 0.05, 0.1));
    }
    AttemptScores best = BestAttempt.of(all);
    for (int i = 0; i < 20; i++) {
      Collections.shuffle(all, new java.util.Random(i));
      assertEquals(best, BestAttempt.of(all));
    }
  }

  @Test
  void attemptOneKeepsTheRowSeedAndLaterAttemptsDrawNewOnes() {
    long row = XttsEngine.rowSeed(11, "row-7");
    assertEquals(row, XttsEngine.attemptSeed(row, 1), "--attempts=1 changes nothing");
    Set<Long> seeds = new HashSet<>();
    for (int k = 1; k <= 10; k++) {
      assertEquals(XttsEngine.attemptSeed(row, k), XttsEngine.attemptSeed(row, k), "a function of row seed and k");
      seeds.add(XttsEngine.attemptSeed(row, k));
    }
    assertEquals(10, seeds.size(), "ten attempts, ten seeds");
    // pieces of a row use seed + p: later attempts must not land on attempt 1's piece seeds
    for (int k = 2; k <= 10; k++) {
      long d = XttsEngine.attemptSeed(row, k) - row;
      assertTrue(Math.abs(d) > 1_000_000, "attempt " + k + " is far from the row seed");
    }
    long other = XttsEngine.rowSeed(11, "row-8");
    assertNotEquals(XttsEngine.attemptSeed(row, 2), XttsEngine.attemptSeed(other, 2));
    assertThrows(IllegalArgumentException.class, () -> XttsEngine.attemptSeed(row, 0));
  }

  @Test
  void thresholdsOutOfRangeAreRefusedNamingTheOption() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new AcceptanceGates(-0.1, null, null))
        .getMessage().startsWith("--maxCer=-0.1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new AcceptanceGates(null, 1.01, null))
        .getMessage().startsWith("--minSpeakerSimilarity=1.01"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new AcceptanceGates(null, null, 5.1))
        .getMessage().startsWith("--minDnsmos=5.1"));
    assertThrows(IllegalArgumentException.class, () -> new AcceptanceGates(null, null, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new AcceptanceGates(Double.NaN, null, null));
  }

  @Test
  void aRejectedRowSaysItsBestAttemptAndEveryAttempt() {
    List<AttemptScores> all = List.of(scores(1, 2.0, 0.9, 0.0), scores(2, 2.6, 0.9, 0.0), scores(3, 2.2, 0.9, 0.0));
    String m = GATES.describe(all);
    assertTrue(m.startsWith("missed a quality gate on every one of 3 attempt(s); best attempt 2 (seed 102): "), m);
    assertTrue(m.contains("DNSMOS OVRL 2.600 (--minDnsmos=3.0)"), m);
    assertTrue(m.contains("1: cer 0.000, speaker_similarity 0.900, dnsmos_ovrl 2.000 (missed minDnsmos)"), m);
    assertTrue(m.contains("3: cer 0.000, speaker_similarity 0.900, dnsmos_ovrl 2.200 (missed minDnsmos)"), m);
  }
}
