package dev.voicegen.quality;

/**
 * The segment rules of silero-vad's {@code get_speech_timestamps}. Its {@code max_speech_duration_s}
 * is not offered: the default (infinity) never splits a segment, and that is the only behaviour
 * implemented.
 *
 * @param threshold a chunk at or above it is speech
 * @param negThreshold during speech, a chunk below it is silence (between the two: still speech)
 * @param minSpeechMs segments not longer than this (before padding) are dropped
 * @param minSilenceMs silence must last this long to end a segment
 * @param speechPadMs padding added on each side of a segment (halved between close segments)
 */
public record VadParameters(
    double threshold, double negThreshold, int minSpeechMs, int minSilenceMs, int speechPadMs) {
  /** get_speech_timestamps defaults: 0.5, max(0.5 - 0.15, 0.01), 250 ms, 100 ms, 30 ms. */
  public static final VadParameters DEFAULTS = of(0.5, 250, 100, 30);

  public VadParameters {
    if (!(threshold > 0 && threshold < 1) || !(negThreshold > 0 && negThreshold <= threshold)) {
      throw new IllegalArgumentException("thresholds must satisfy 0 < neg <= threshold < 1: "
          + negThreshold + ", " + threshold);
    }
    if (minSpeechMs < 0 || minSilenceMs < 0 || speechPadMs < 0) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** The package's derived negative threshold: max(threshold - 0.15, 0.01). */
  public static VadParameters of(double threshold, int minSpeechMs, int minSilenceMs, int speechPadMs) {
    return new VadParameters(threshold, Math.max(threshold - 0.15, 0.01), minSpeechMs, minSilenceMs, speechPadMs);
  }
}
