package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;
import java.io.Serializable;
import java.util.List;

/**
 * A voice sample after the seed optimize or preprocess, with what the steps changed.
 *
 * @param audio mono 22050 Hz, 16-bit values (s / 32768)
 * @param gainDb the gain normalize applied (0 for digital silence)
 * @param inputDurationMs pydub length of the input
 * @param outputDurationMs pydub length of {@code audio}
 * @param trimmedMs removed by strip_silence (pydub lengths before minus after)
 * @param cutMs removed by the 30 s cap
 * @param resampled whether the rate was converted
 * @param fromRate the input rate
 * @param fromChannels the input channel count (mixed down to mono when more than 1)
 * @param warnings human-readable warnings, e.g. a reference too short to clone well
 * @param steps what each step did, in order, with its time (e.g. "high-pass 70 Hz (0.4 ms)")
 */
public record ProcessedVoice(
    AudioClip audio,
    double gainDb,
    long inputDurationMs,
    long outputDurationMs,
    long trimmedMs,
    long cutMs,
    boolean resampled,
    int fromRate,
    int fromChannels,
    List<String> warnings,
    List<String> steps)
    implements Serializable {

  public ProcessedVoice {
    warnings = List.copyOf(warnings);
    steps = List.copyOf(steps);
  }

  /** A result without a step log. */
  public ProcessedVoice(
      AudioClip audio,
      double gainDb,
      long inputDurationMs,
      long outputDurationMs,
      long trimmedMs,
      long cutMs,
      boolean resampled,
      int fromRate,
      int fromChannels,
      List<String> warnings) {
    this(audio, gainDb, inputDurationMs, outputDurationMs, trimmedMs, cutMs, resampled, fromRate,
        fromChannels, warnings, List.of());
  }
}
