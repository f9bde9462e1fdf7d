package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;

/**
 * The mean of a clip's channels, read a piece at a time into a caller's buffer so that no mono
 * copy of a long clip is ever held.
 */
final class MonoMix {
  private MonoMix() {}

  /**
   * Writes the mean of all channels over frames {@code [from, from + count)} into {@code out[0, count)}.
   */
  static void read(AudioClip clip, int from, double[] out, int count) {
    int channels = clip.channelCount();
    float[] samples = new float[count];
    clip.read(0, from, samples, 0, count);
    for (int i = 0; i < count; i++) {
      out[i] = samples[i];
    }
    if (channels == 1) {
      return;
    }
    for (int c = 1; c < channels; c++) {
      clip.read(c, from, samples, 0, count);
      for (int i = 0; i < count; i++) {
        out[i] += samples[i];
      }
    }
    double scale = 1.0 / channels;
    for (int i = 0; i < count; i++) {
      out[i] *= scale;
    }
  }
}
