package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;

/** pydub's {@code normalize(headroom)}: one gain that brings the sample peak to -headroom dBFS. */
public final class Normalizer {
  private Normalizer() {}

  /** The normalised clip and the gain applied; digital silence comes back unchanged with gain 0. */
  public record Result(AudioClip clip, double gainDb) {}

  public static Result normalize(AudioClip clip, double headroomDb) {
    PcmSegment seg = PcmSegment.of(clip);
    double gain = gainDb(seg, headroomDb);
    return new Result(apply(seg, gain).toClip(), gain);
  }

  /** The gain in dB that normalize applies to this segment (0 for silence). */
  static double gainDb(PcmSegment seg, double headroomDb) {
    int peak = seg.max();
    if (peak == 0) {
      return 0.0;
    }
    double targetPeak = PcmSegment.FULL_SCALE * PcmSegment.dbToFloat(-headroomDb);
    return PcmSegment.ratioToDb(targetPeak / peak);
  }

  /**
   * pydub's apply_gain, skipped for silence as normalize skips it. A gain of 0 dB (what {@link
   * #gainDb} gives silence) multiplies by exactly 1.0, which audioop.mul leaves unchanged, so it is
   * skipped without scanning for the peak again.
   */
  static PcmSegment apply(PcmSegment seg, double gainDb) {
    if (gainDb == 0.0) {
      return seg;
    }
    return seg.mul(PcmSegment.dbToFloat(gainDb));
  }
}
