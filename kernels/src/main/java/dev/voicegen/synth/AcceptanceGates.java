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
  /** DNSMOS scores are MOS values on ITU-T P.800's 1-5 scale. */
  public static final double MOS_MIN = 1.0;
  public static final double MOS_MAX = 5.0;

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
    if (minDnsmos != null && !(minDnsmos >= MOS_MIN && minDnsmos <= MOS_MAX)) {
      throw new IllegalArgumentException(
          "--minDnsmos=" + minDnsmos + " must be between 1 and 5 (DNSMOS OVRL is a 1-5 MOS)");
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

  /** One line for a row that missed a gate on every attempt: its best attempt's scores. */
  public String describe(AttemptScores best, int attempts) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT, "every one of %d attempt(s) missed a quality gate; best was attempt %d (seed %s): ",
                attempts, best.attempt(), best.seed()));
    List<String> parts = new ArrayList<>();
    if (maxCer != null) {
      parts.add(String.format(Locale.ROOT, "CER %s (--maxCer=%s)", fmt(best.cer()), maxCer));
    }
    if (minSpeakerSimilarity != null) {
      parts.add(
          String.format(
              Locale.ROOT, "speaker similarity %s (--minSpeakerSimilarity=%s)",
              fmt(best.speakerSimilarity()), minSpeakerSimilarity));
    }
    if (minDnsmos != null) {
      parts.add(String.format(Locale.ROOT, "DNSMOS OVRL %s (--minDnsmos=%s)", fmt(best.dnsmosOvrl()), minDnsmos));
    }
    s.append(String.join(", ", parts)).append("; missed ").append(String.join(", ", best.missedGates()));
    return s.toString();
  }

  private static String fmt(Double v) {
    return v == null ? "not computed" : String.format(Locale.ROOT, "%.3f", v);
  }
}
