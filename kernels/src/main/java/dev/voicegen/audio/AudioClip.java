package dev.voicegen.audio;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Decoded audio at full scale 1.0, held either as one float array per channel or, for 16-bit
 * sources, compactly as interleaved 16-bit samples (half the memory of floats, and what the seed
 * kernels work on without conversion).
 *
 * <p>A 16-bit PCM sample {@code s} reads as {@code s / 32768f}, so pydub's arithmetic on 16-bit data
 * (full scale 32768) maps onto this one by a constant factor. Kernels that must not hold a float copy
 * of a long clip read it in blocks through {@link #read}; {@link #channel} builds (and keeps) the float
 * arrays of a 16-bit clip on first use. Instances are treated as immutable: kernels return new clips
 * and never write into the arrays they are given.
 */
public final class AudioClip implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final float PCM16_SCALE = 1f / 32768f;

  private final int sampleRate;
  private final int channelCount;
  private final int frames;
  /** Interleaved 16-bit samples, or null for a float clip. */
  private final short[] pcm16;
  /** The float channels: given for a float clip, built on demand (not serialized) for a 16-bit one. */
  private transient volatile float[][] channels;
  private final float[][] floatChannels;

  /**
   * @param sampleRate frames per second, positive
   * @param channels one array per channel, all of the same length; not copied
   */
  public AudioClip(int sampleRate, float[][] channels) {
    checkRate(sampleRate);
    if (channels.length == 0) {
      throw new IllegalArgumentException("a clip needs at least one channel");
    }
    int n = channels[0].length;
    for (float[] channel : channels) {
      if (channel.length != n) {
        throw new IllegalArgumentException("channels differ in length");
      }
    }
    this.sampleRate = sampleRate;
    this.channelCount = channels.length;
    this.frames = n;
    this.pcm16 = null;
    this.floatChannels = channels;
    this.channels = channels;
  }

  private AudioClip(int sampleRate, int channelCount, short[] interleaved) {
    checkRate(sampleRate);
    if (channelCount <= 0) {
      throw new IllegalArgumentException("a clip needs at least one channel");
    }
    if (interleaved.length % channelCount != 0) {
      throw new IllegalArgumentException(
          "partial frame: " + interleaved.length + " samples, " + channelCount + " channels");
    }
    this.sampleRate = sampleRate;
    this.channelCount = channelCount;
    this.frames = interleaved.length / channelCount;
    this.pcm16 = interleaved;
    this.floatChannels = null;
  }

  /**
   * A clip of 16-bit samples, interleaved frame by frame; sample {@code s} reads as {@code s / 32768}.
   *
   * @param interleaved not copied; must not be modified afterwards
   */
  public static AudioClip ofPcm16(int sampleRate, int channelCount, short[] interleaved) {
    return new AudioClip(sampleRate, channelCount, interleaved);
  }

  public static AudioClip mono(int sampleRate, float[] samples) {
    return new AudioClip(sampleRate, new float[][] {samples});
  }

  private static void checkRate(int sampleRate) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
  }

  public int sampleRate() {
    return sampleRate;
  }

  public int channelCount() {
    return channelCount;
  }

  public int frames() {
    return frames;
  }

  /**
   * The interleaved 16-bit samples when the clip is held as 16-bit PCM, else null; callers must not
   * modify the array.
   */
  public short[] pcm16() {
    return pcm16;
  }

  /**
   * The samples of one channel; callers must not modify the array. For a 16-bit clip this builds
   * float copies of all channels (twice the clip's memory): long-clip kernels use {@link #read}.
   */
  public float[] channel(int index) {
    float[][] c = channels;
    if (c == null) {
      c = toFloatChannels();
      channels = c;
    }
    return c[index];
  }

  private float[][] toFloatChannels() {
    float[][] out = new float[channelCount][frames];
    for (int c = 0; c < channelCount; c++) {
      read(c, 0, out[c], 0, frames);
    }
    return out;
  }

  /** Copies frames {@code [from, from + count)} of one channel into {@code dst[off, off + count)}. */
  public void read(int channel, int from, float[] dst, int off, int count) {
    if (channel < 0 || channel >= channelCount || from < 0 || count < 0 || from + count > frames) {
      throw new IndexOutOfBoundsException(
          "channel " + channel + " frames [" + from + ", " + (from + count) + ") of " + this);
    }
    float[][] c = channels;
    if (c != null) {
      System.arraycopy(c[channel], from, dst, off, count);
      return;
    }
    int ch = channelCount;
    int at = from * ch + channel;
    for (int i = 0; i < count; i++, at += ch) {
      dst[off + i] = pcm16[at] * PCM16_SCALE;
    }
  }

  /** One sample as a float (slow path for sparse access; blocks go through {@link #read}). */
  public float sample(int channel, int frame) {
    float[][] c = channels;
    return c != null ? c[channel][frame] : pcm16[frame * channelCount + channel] * PCM16_SCALE;
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
    if (channelCount == 1) {
      return this;
    }
    int n = frames();
    float[] out = new float[n];
    float[] block = new float[Math.min(n, 8192)];
    for (int c = 0; c < channelCount; c++) {
      for (int from = 0; from < n; from += block.length) {
        int count = Math.min(block.length, n - from);
        read(c, from, block, 0, count);
        for (int i = 0; i < count; i++) {
          out[from + i] += block[i];
        }
      }
    }
    float scale = 1f / channelCount;
    for (int i = 0; i < n; i++) {
      out[i] *= scale;
    }
    return mono(sampleRate, out);
  }

  /** Frames {@code [from, to)} of every channel as a new clip (16-bit stays 16-bit). */
  public AudioClip slice(int from, int to) {
    if (from < 0 || to > frames() || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + frames());
    }
    if (pcm16 != null) {
      return ofPcm16(sampleRate, channelCount,
          Arrays.copyOfRange(pcm16, from * channelCount, to * channelCount));
    }
    float[][] out = new float[channelCount][];
    for (int c = 0; c < channelCount; c++) {
      out[c] = Arrays.copyOfRange(floatChannels[c], from, to);
    }
    return new AudioClip(sampleRate, out);
  }

  private Object readResolve() {
    if (pcm16 == null) {
      channels = floatChannels;
    }
    return this;
  }

  @Override
  public String toString() {
    return "AudioClip[" + sampleRate + " Hz, " + channelCount + " ch, " + frames + " frames]";
  }
}
