package dev.voicegen.quality;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/**
 * The checks a reference sample must pass before any synthesis: some speech at all
 * ({@code no_speech}), at least {@code minSpeechS} seconds of it ({@code reference_too_short}, the
 * reason XTTS gives for a reference it cannot condition on), and, when asked, a DNSMOS OVRL of at
 * least {@code minDnsmosOvrl} ({@code reference_low_quality}). The first failed check decides.
 *
 * @param minSpeechS seconds of speech required, at least 0
 * @param minDnsmosOvrl lowest DNSMOS OVRL accepted, or null for no quality check
 */
public record ReferenceGates(double minSpeechS, Double minDnsmosOvrl) implements Serializable {
  public static final String NO_SPEECH = "no_speech";
  public static final String TOO_SHORT = "reference_too_short";
  public static final String LOW_QUALITY = "reference_low_quality";
  /** The default of --minReferenceSpeech: XTTS v2 clones poorly from less (a few words). */
  public static final double DEFAULT_MIN_SPEECH_S = 2.0;

  public ReferenceGates {
    if (!(minSpeechS >= 0) || Double.isInfinite(minSpeechS)) {
      throw new IllegalArgumentException("minimum speech must be a finite number of seconds >= 0: " + minSpeechS);
    }
    if (minDnsmosOvrl != null && !(minDnsmosOvrl >= 0 && minDnsmosOvrl <= 5)) {
      throw new IllegalArgumentException("minimum DNSMOS OVRL must be within 0-5 (the MOS scale): " + minDnsmosOvrl);
    }
  }

  /** Why a reference was refused: the error class of its rows and a message naming the file. */
  public record Rejection(String reason, String message) implements Serializable {}

  /**
   * @param path the sample, as its rows' messages name it
   * @return the rejection, or empty when the reference passes every check
   */
  public Optional<Rejection> check(String path, ReferenceQuality q) {
    String by = q.vad().equals(SileroSpeech.NAME) ? "Silero VAD" : "energy VAD; Silero VAD is not installed";
    if (q.speechS() <= 0) {
      return Optional.of(new Rejection(NO_SPEECH, path + ": no speech found (" + by + ")"));
    }
    if (q.speechS() < minSpeechS) {
      return Optional.of(new Rejection(TOO_SHORT, fmt(
          "%s: %.3f s of speech (%s), under the minimum of %s s (--minReferenceSpeech)",
          path, q.speechS(), by, plain(minSpeechS))));
    }
    if (minDnsmosOvrl != null) {
      if (q.dnsmosOvrl() == null) {
        // never a silent pass: a worker without the model cannot vouch for the sample
        return Optional.of(new Rejection(LOW_QUALITY,
            path + ": DNSMOS could not be measured, and --minReferenceDnsmos asks for it"));
      }
      if (q.dnsmosOvrl() < minDnsmosOvrl) {
        return Optional.of(new Rejection(LOW_QUALITY, fmt(
            "%s: DNSMOS OVRL %.3f, under the minimum of %s (--minReferenceDnsmos)",
            path, q.dnsmosOvrl(), plain(minDnsmosOvrl))));
      }
    }
    return Optional.empty();
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
