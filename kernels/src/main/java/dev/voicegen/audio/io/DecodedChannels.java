package dev.voicegen.audio.io;

import dev.voicegen.audio.AudioClip;
import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Planar float samples collected frame by frame from a decoder, growing by doubling but never past
 * a frame limit: a stream that would decode beyond it is refused before the memory is allocated.
 */
final class DecodedChannels {
  /** The first allocation: a tiny file must not reserve room for a long clip it merely declares. */
  private static final int INITIAL_FRAMES = 1 << 15;

  private final String source;
  private final int sampleRate;
  private final long maxFrames;
  private final String limitText;
  private float[][] channels;
  private int frames;

  /**
   * @param maxFrames the most frames per channel, at most the largest Java array
   * @param limitText the limit as the error message should state it, e.g. "2 h"
   */
  DecodedChannels(String source, int sampleRate, int channelCount, long maxFrames, String limitText) {
    this.source = source;
    this.sampleRate = sampleRate;
    this.maxFrames = Math.min(maxFrames, Integer.MAX_VALUE - 8);
    this.limitText = limitText;
    this.channels = new float[channelCount][(int) Math.min(INITIAL_FRAMES, this.maxFrames)];
  }

  int sampleRate() {
    return sampleRate;
  }

  int channelCount() {
    return channels.length;
  }

  int frames() {
    return frames;
  }

  /** Appends {@code n} frames: {@code planes[c]} holds channel c's samples as native floats. */
  void append(FloatPointer[] planes, int n) throws AudioDecodeException {
    reserve(n);
    for (int c = 0; c < channels.length; c++) {
      planes[c].position(0).get(channels[c], frames, n);
    }
    frames += n;
  }

  private void reserve(int n) throws AudioDecodeException {
    long needed = frames + (long) n;
    if (needed > maxFrames) {
      throw new AudioTooLongException(source, "decodes to more than the " + limitText + " limit ("
          + maxFrames + " frames at " + sampleRate + " Hz); refused before decoding the rest");
    }
    if (needed > channels[0].length) {
      int capacity = (int) Math.min(maxFrames, Math.max(needed, channels[0].length * 2L));
      for (int c = 0; c < channels.length; c++) {
        channels[c] = Arrays.copyOf(channels[c], capacity);
      }
    }
  }

  /** The clip, trimmed to the frames decoded. */
  AudioClip toClip() {
    float[][] out = new float[channels.length][];
    for (int c = 0; c < channels.length; c++) {
      out[c] = channels[c].length == frames ? channels[c] : Arrays.copyOf(channels[c], frames);
    }
    return new AudioClip(sampleRate, out);
  }
}
