package dev.voicegen.audio.broadcast;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.measure.LoudnessMeter;
import dev.voicegen.audio.measure.PeakLevels;
import dev.voicegen.audio.measure.TruePeakMeter;
import java.io.Serializable;

/**
 * Gain to a target integrated loudness (BS.1770-4), lowered when needed so that the true peak
 * stays at or under a ceiling: a plain gain, no limiter, so the sound itself is not changed.
 */
public final class LoudnessNormalizer {
  private LoudnessNormalizer() {}

  /**
   * The outcome.
   *
   * @param audio the clip after the gain
   * @param gainDb the gain applied
   * @param lufsBefore measured before (null when not measurable: the clip is left as it is)
   * @param lufsAfter measured after
   * @param truePeakAfter true peak after, dBTP
   */
  public record Result(AudioClip audio, double gainDb, Double lufsBefore, Double lufsAfter, Double truePeakAfter)
      implements Serializable {}

  public static Result normalize(AudioClip clip, double targetLufs, double truePeakCeilingDbtp) {
    Double before = LoudnessMeter.integratedLufs(clip);
    PeakLevels peaks = TruePeakMeter.measure(clip);
    if (before == null || peaks.truePeakDbtp() == null) {
      return new Result(clip, 0, before, before, peaks.truePeakDbtp());
    }
    double gain = targetLufs - before;
    gain = Math.min(gain, truePeakCeilingDbtp - peaks.truePeakDbtp());
    AudioClip out = scale(clip, Math.pow(10, gain / 20));
    return new Result(out, gain, before, LoudnessMeter.integratedLufs(out), TruePeakMeter.measure(out).truePeakDbtp());
  }

  static AudioClip scale(AudioClip clip, double factor) {
    float[][] channels = new float[clip.channelCount()][];
    for (int c = 0; c < channels.length; c++) {
      float[] src = clip.channel(c);
      float[] dst = new float[src.length];
      for (int i = 0; i < src.length; i++) {
        dst[i] = (float) (src[i] * factor);
      }
      channels[c] = dst;
    }
    return new AudioClip(clip.sampleRate(), channels);
  }
}
