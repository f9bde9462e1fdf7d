package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;

/**
 * Level of a clip as pydub measures it on 16-bit data: audioop's integer RMS and absolute peak,
 * in dB relative to full scale 32768. Digital silence is {@code -Infinity} dBFS.
 */
public final class Dbfs {
  private Dbfs() {}

  /** audioop.rms over the clip's interleaved 16-bit samples, truncated to an integer as pydub does. */
  public static int rms(AudioClip clip) {
    return PcmSegment.of(clip).rms();
  }

  /** pydub's {@code seg.dBFS}: 20 log10(rms / 32768), {@code -Infinity} when the integer RMS is 0. */
  public static double dbfs(AudioClip clip) {
    return dbfs(PcmSegment.of(clip));
  }

  /** pydub's {@code seg.max}: the largest absolute 16-bit sample value. */
  public static int peak(AudioClip clip) {
    return PcmSegment.of(clip).max();
  }

  /** pydub's {@code seg.max_dBFS}: 20 log10(peak / 32768), {@code -Infinity} for digital silence. */
  public static double peakDbfs(AudioClip clip) {
    return peakDbfs(PcmSegment.of(clip));
  }

  /** The RMS (16-bit units) a window must not exceed to count as silent at {@code thresholdDbfs}. */
  public static double silenceThresholdRms(double thresholdDbfs) {
    return PcmSegment.dbToFloat(thresholdDbfs) * PcmSegment.FULL_SCALE;
  }

  static double dbfs(PcmSegment seg) {
    int rms = seg.rms();
    return rms == 0 ? Double.NEGATIVE_INFINITY : PcmSegment.ratioToDb(rms / PcmSegment.FULL_SCALE);
  }

  static double peakDbfs(PcmSegment seg) {
    return PcmSegment.ratioToDb(seg.max() / PcmSegment.FULL_SCALE);
  }
}
