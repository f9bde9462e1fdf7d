package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;

/** DC offset: the signed mean of all samples of all channels (full scale 1.0). */
public final class DcOffset {
  private DcOffset() {}

  /** The mean sample value; null for an empty clip. */
  public static Double of(AudioClip clip) {
    long count = (long) clip.frames() * clip.channelCount();
    if (count == 0) {
      return null;
    }
    double sum = 0;
    for (int c = 0; c < clip.channelCount(); c++) {
      for (float s : clip.channel(c)) {
        sum += s;
      }
    }
    return sum / count;
  }
}
