package dev.voicegen.synth;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The acceptance gates of best-of-N synthesis: an attempt passes when every gate that is set holds.
 * A gate whose score was not computed for the attempt (a clip too short for DNSMOS, say) counts as
 * missed: an output is accepted on evidence, never on its absence.
 *
 * @param maxCer {@code --maxCer}: the most Whisper CER, or null
 * @param minSpeakerSimilarity {@code --minSpeakerSimilarity}: the least speaker similarity, or null
 * @param minDnsmos {@code --minDnsmos}: the least DNSMOS OVRL, or null
 */
public record AcceptanceGates(Double maxCer, Double minSpeakerSimilarity, Double minDnsmos)
    implements Serializable {
  public static final String MAX_CER = "maxCer";
  public static final String MIN_SPEAKER_SIMILARITY = "minSpeakerSimilarity";
  public static final String MIN_DNSMOS = "minDnsmos";
  /**
   * DNSMOS predicts MOS on ITU-T P.800's 1-5 scale, but its calibration polynomials
   * (dnsmos_local.py) go under 1 for what is not speech, so a gate may sit anywhere from 0 to 5.
   */
  public static final double DNSMOS_GATE_MIN = 0.0;
  public static final double DNSMOS_GATE_MAX = 5.0;

  public static final AcceptanceGates NONE = new AcceptanceGates(null, null, null);

  /**
   * @throws IllegalArgumentException for a threshold outside its score's range, naming the option
   */
  public AcceptanceGates {
    if (maxCer != null && !(maxCer >= 0)) {
      throw new IllegalArgumentException("--maxCer=" + maxCer + " must be 0 or more");
    }
    if (minSpeakerSimilarity != null && !(minSpeakerSimilarity >= -1 && minSpeakerSimilarity <= 1)) {
      throw new IllegalArgumentException(
          "--minSpeakerSimilarity=" + minSpeakerSimilarity + " must be between -1 and 1 (a cosine)");
    }
    if (minDnsmos != null && !(minDnsmos >= DNSMOS_GATE_MIN && minDnsmos <= DNSMOS_GATE_MAX)) {
      throw new IllegalArgumentException(
          "--minDnsmos=" + minDnsmos + " must be between 0 and 5 (DNSMOS OVRL, a MOS on the 1-5 scale)");
    }
  }

  /** Whether any gate is set. */
  public boolean any() {
    return maxCer != null || minSpeakerSimilarity != null || minDnsmos != null;
  }

  /** The gates (by option name) that {@code s} misses, in option order; empty when it passes. */
  public List<String> missed(AttemptScores s) {
    List<String> missed = new ArrayList<>();
    if (maxCer != null && (s.cer() == null || s.cer() > maxCer)) {
      missed.add(MAX_CER);
    }
    if (minSpeakerSimilarity != null
        && (s.speakerSimilarity() == null || s.speakerSimilarity() < minSpeakerSimilarity)) {
      missed.add(MIN_SPEAKER_SIMILARITY);
    }
    if (minDnsmos != null && (s.dnsmosOvrl() == null || s.dnsmosOvrl() < minDnsmos)) {
      missed.add(MIN_DNSMOS);
    }
    return missed;
  }

  /**
   * One line for a row that missed a gate on every attempt: the best attempt (by {@link
   * BestAttempt}) with its gated scores, then every attempt's.
   */
  public String describe(List<AttemptScores> attempts) {
    AttemptScores best = BestAttempt.of(attempts);
    List<String> each = new ArrayList<>();
    for (AttemptScores a : attempts) {
      each.add(a.attempt() + ": " + gated(a) + " (missed " + String.join(", ", a.missedGates()) + ")");
    }
    return String.format(
        Locale.ROOT,
        "missed a quality gate on every one of %d attempt(s); best attempt %d (seed %s): %s; attempts %s",
        attempts.size(), best.attempt(), best.seed(), gatedWithLimits(best), String.join(" | ", each));
  }

  private String gatedWithLimits(AttemptScores a) {
    List<String> parts = new ArrayList<>();
    if (maxCer != null) {
      parts.add(String.format(Locale.ROOT, "CER %s (--maxCer=%s)", fmt(a.cer()), maxCer));
    }
    if (minSpeakerSimilarity != null) {
      parts.add(
          String.format(
              Locale.ROOT, "speaker similarity %s (--minSpeakerSimilarity=%s)",
              fmt(a.speakerSimilarity()), minSpeakerSimilarity));
    }
    if (minDnsmos != null) {
      parts.add(String.format(Locale.ROOT, "DNSMOS OVRL %s (--minDnsmos=%s)", fmt(a.dnsmosOvrl()), minDnsmos));
    }
    return String.join(", ", parts);
  }

  private String gated(AttemptScores a) {
    List<String> parts = new ArrayList<>();
    if (maxCer != null) {
      parts.add("cer " + fmt(a.cer()));
    }
    if (minSpeakerSimilarity != null) {
      parts.add("speaker_similarity " + fmt(a.speakerSimilarity()));
    }
    if (minDnsmos != null) {
      parts.add("dnsmos_ovrl " + fmt(a.dnsmosOvrl()));
    }
    return String.join(", ", parts);
  }

  private static String fmt(Double v) {
    return v == null ? "not computed" : String.format(Locale.ROOT, "%.3f", v);
  }
}
