package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;

/**
 * True peak per ITU-R BS.1770-4 Annex 2: the largest magnitude of the signal oversampled by a
 * band-limited interpolator ({@link PolyphaseInterpolator}), over all channels.
 *
 * <p>The oversampling factor follows the sample rate ({@link #oversamplingFactor(int)}). Nothing is
 * materialised: each channel is read in blocks and interpolated in a stream, and stretches too quiet
 * to matter are skipped, so the result is exact for the filter and the cost falls on the loud parts.
 */
public final class TruePeakMeter {
  private TruePeakMeter() {}

  public static PeakLevels measure(AudioClip clip) {
    double samplePeak = 0;
    int frames = clip.frames();
    float[] block = new float[Math.max(1, Math.min(frames, 1 << 14))];
    for (int c = 0; c < clip.channelCount(); c++) {
      for (int from = 0; from < frames; from += block.length) {
        int n = Math.min(block.length, frames - from);
        clip.read(c, from, block, 0, n);
        for (int i = 0; i < n; i++) {
          samplePeak = Math.max(samplePeak, Math.abs(block[i]));
        }
      }
    }
    PolyphaseInterpolator interpolator = new PolyphaseInterpolator(oversamplingFactor(clip.sampleRate()));
    double truePeak = samplePeak;
    for (int c = 0; c < clip.channelCount(); c++) {
      truePeak = interpolator.maxAbs(clip, c, truePeak);
    }
    return new PeakLevels(samplePeak, truePeak);
  }

  /**
   * BS.1770-4 Annex 2: 4x below 96 kHz, 2x from 96 kHz up to 192 kHz, none above (the
   * oversampled rate stays at 192 kHz or more).
   */
  public static int oversamplingFactor(int sampleRate) {
    if (sampleRate < 96_000) {
      return 4;
    }
    return sampleRate < 192_000 ? 2 : 1;
  }
}
