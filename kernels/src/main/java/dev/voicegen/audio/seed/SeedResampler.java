package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;

/**
 * pydub's {@code set_frame_rate}: CPython's {@code audioop.ratecv} with no state and weights (1, 0),
 * i.e. linear interpolation between neighbouring input frames with no anti-alias filter. Samples are
 * carried in 32-bit scale (sample << 16) and written back with an arithmetic shift, as audioop does,
 * so lengths and values match pydub exactly.
 */
public final class SeedResampler {
  private SeedResampler() {}

  /** The clip at {@code outRate}; the same clip when the rate already matches (a no-op in pydub). */
  public static AudioClip resample(AudioClip clip, int outRate) {
    if (clip.sampleRate() == outRate) {
      return clip;
    }
    return resample(PcmSegment.of(clip), outRate).toClip();
  }

  static PcmSegment resample(PcmSegment seg, int outRate) {
    if (outRate <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + outRate);
    }
    if (seg.rate == outRate) {
      return seg;
    }
    if (seg.data.length == 0) {
      return new PcmSegment(seg.data, seg.channels, outRate);
    }
    return convert(seg, outRate, seg.channels == 1);
  }

  /**
   * {@code set_channels(1)} then {@code set_frame_rate(outRate)} in one pass: each frame is mixed to
   * mono as {@link MonoMixdown} mixes it and fed straight to the resampler, so the mono signal at the
   * input rate is never held. The same samples as the two steps one after the other.
   */
  static PcmSegment toMonoAt(PcmSegment seg, int outRate) {
    if (seg.channels == 1 || seg.rate == outRate || seg.data.length == 0) {
      return resample(MonoMixdown.toMono(seg), outRate);
    }
    return convert(seg, outRate, true);
  }

  /** audioop.ratecv of a non-empty segment to another rate, mixed to mono first when {@code mono}. */
  private static PcmSegment convert(PcmSegment seg, int outRate, boolean mono) {
    int g = gcd(seg.rate, outRate);
    int inRate = seg.rate / g;
    int outR = outRate / g;
    int ch = mono ? 1 : seg.channels;
    int frames = seg.frames();
    // the loop below emits floor((frames - 1) * outR / inRate) + 1 frames (audioop allocates more
    // and trims); allocating exactly that keeps one output array alive instead of two
    long outFrames = (frames - 1L) * outR / inRate + 1;
    if (outFrames * ch > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("clip too long to resample: " + frames + " frames");
    }
    short[] out = new short[(int) (outFrames * ch)];
    if (mono) {
      resampleMono(seg.data, seg.channels, frames, out, inRate, outR);
    } else {
      resampleInterleaved(seg.data, ch, out, inRate, outR);
    }
    return new PcmSegment(out, ch, outRate);
  }

  /**
   * audioop.ratecv's loop for one channel, the same double arithmetic without per-channel arrays;
   * the input frames are mixed to mono on the way in when there are several channels.
   */
  private static void resampleMono(short[] in, int ch, int frames, short[] out, int inRate, int outR) {
    int written = 0;
    int prev = 0;
    int cur = 0;
    int frame = 0;
    long d = -outR;
    while (true) {
      while (d < 0) {
        if (frame == frames) {
          return;
        }
        prev = cur;
        cur = (ch == 1 ? in[frame] : MonoMixdown.mixFrame(in, frame, ch)) << 16;
        frame++;
        d += outR;
      }
      while (d >= 0) {
        int curO = (int) (((double) prev * (double) d + (double) cur * (double) (outR - d)) / (double) outR);
        out[written++] = (short) (curO >> 16);
        d -= inRate;
      }
    }
  }

  private static void resampleInterleaved(short[] in, int ch, short[] out, int inRate, int outR) {
    int written = 0;
    int[] prev = new int[ch];
    int[] cur = new int[ch];
    int pos = 0;
    long d = -outR;
    while (true) {
      while (d < 0) {
        if (pos == in.length) {
          return;
        }
        for (int c = 0; c < ch; c++) {
          prev[c] = cur[c];
          cur[c] = in[pos++] << 16;
        }
        d += outR;
      }
      while (d >= 0) {
        for (int c = 0; c < ch; c++) {
          int curO = (int) (((double) prev[c] * (double) d + (double) cur[c] * (double) (outR - d))
              / (double) outR);
          out[written++] = (short) (curO >> 16);
        }
        d -= inRate;
      }
    }
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
