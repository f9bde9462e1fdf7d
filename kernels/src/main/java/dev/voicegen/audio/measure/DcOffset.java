package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;

/** DC offset: the signed mean of all samples of all channels (full scale 1.0). */
public final class DcOffset {
  private static final int BLOCK = 1 << 14;

  private DcOffset() {}

  /** The mean sample value; null for an empty clip. */
  public static Double of(AudioClip clip) {
    long count = (long) clip.frames() * clip.channelCount();
    if (count == 0) {
      return null;
    }
    double sum = 0;
    int frames = clip.frames();
    float[] block = new float[Math.min(frames, BLOCK)];
    for (int c = 0; c < clip.channelCount(); c++) {
      for (int from = 0; from < frames; from += BLOCK) {
        int n = Math.min(BLOCK, frames - from);
        clip.read(c, from, block, 0, n);
        for (int i = 0; i < n; i++) {
          sum += block[i];
        }
      }
    }
    return sum / count;
  }
}
