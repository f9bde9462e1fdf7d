package dev.voicegen.audio;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Decoded audio: one float array per channel, full scale = 1.0.
 *
 * <p>A 16-bit PCM sample {@code s} is stored as {@code s / 32768f}, so pydub's arithmetic on
 * 16-bit data (full scale 32768) maps onto this one by a constant factor. Instances are treated as
 * immutable: kernels return new clips and never write into the arrays they are given.
 */
public final class AudioClip implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int sampleRate;
  private final float[][] channels;

  /**
   * @param sampleRate frames per second, positive
   * @param channels one array per channel, all of the same length; not copied
   */
  public AudioClip(int sampleRate, float[][] channels) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    if (channels.length == 0) {
      throw new IllegalArgumentException("a clip needs at least one channel");
    }
    int frames = channels[0].length;
    for (float[] channel : channels) {
      if (channel.length != frames) {
        throw new IllegalArgumentException("channels differ in length");
      }
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
  }

  public static AudioClip mono(int sampleRate, float[] samples) {
    return new AudioClip(sampleRate, new float[][] {samples});
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int channelCount() {
    return channels.length;
  }

  public int frames() {
    return channels[0].length;
  }

  /** The samples of one channel; callers must not modify the array. */
  public float[] channel(int index) {
    return channels[index];
  }

  public double durationSeconds() {
    return frames() / (double) sampleRate;
  }

  /** Duration in whole milliseconds, rounded half to even as pydub's {@code len(segment)} (Python round). */
  public long durationMillis() {
    return (long) Math.rint(1000.0 * frames() / sampleRate);
  }

  /** The average of all channels; this clip itself when it is already mono. */
  public AudioClip toMono() {
    if (channels.length == 1) {
      return this;
    }
    int n = frames();
    float[] out = new float[n];
    for (float[] channel : channels) {
      for (int i = 0; i < n; i++) {
        out[i] += channel[i];
      }
    }
    float scale = 1f / channels.length;
    for (int i = 0; i < n; i++) {
      out[i] *= scale;
    }
    return mono(sampleRate, out);
  }

  /** Frames {@code [from, to)} of every channel as a new clip. */
  public AudioClip slice(int from, int to) {
    if (from < 0 || to > frames() || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + frames());
    }
    float[][] out = new float[channels.length][];
    for (int c = 0; c < channels.length; c++) {
      out[c] = Arrays.copyOfRange(channels[c], from, to);
    }
    return new AudioClip(sampleRate, out);
  }

  @Override
  public String toString() {
    return "AudioClip[" + sampleRate + " Hz, " + channels.length + " ch, " + frames() + " frames]";
  }
}
