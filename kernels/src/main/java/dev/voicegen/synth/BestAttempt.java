package dev.voicegen.synth;

import java.util.Comparator;
import java.util.List;

/**
 * Which attempt at a row is the best, in this order: fewer gates missed (so an attempt that passes
 * them all comes first), then higher DNSMOS OVRL, higher speaker similarity, lower CER (a score not
 * computed ranks below every computed one), then the lower attempt number. The order is total and
 * depends on the scores only, so the same attempts always give the same choice.
 */
public final class BestAttempt {
  private BestAttempt() {}

  /** Best first. */
  public static final Comparator<AttemptScores> ORDER =
      Comparator.comparingInt((AttemptScores s) -> s.missedGates().size())
          .thenComparing(AttemptScores::dnsmosOvrl, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(AttemptScores::speakerSimilarity, Comparator.nullsLast(Comparator.reverseOrder()))
          .thenComparing(AttemptScores::cer, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparingInt(AttemptScores::attempt);

  /** The best of {@code attempts} (not empty). */
  public static AttemptScores of(List<AttemptScores> attempts) {
    return attempts.stream().min(ORDER).orElseThrow(() -> new IllegalArgumentException("no attempt"));
  }
}
