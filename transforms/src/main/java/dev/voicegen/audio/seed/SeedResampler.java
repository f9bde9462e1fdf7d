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
    int g = gcd(seg.rate, outRate);
    int inRate = seg.rate / g;
    int outR = outRate / g;
    int ch = seg.channels;
    int frames = seg.frames();
    // audioop allocates ceil(frames / inRate) * outRate frames; the loop writes fewer
    long capacity = (1 + (frames - 1L) / inRate) * outR * ch;
    if (capacity > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("clip too long to resample: " + frames + " frames");
    }
    short[] out = new short[(int) capacity];
    int written = 0;
    int[] prev = new int[ch];
    int[] cur = new int[ch];
    int pos = 0;
    int remaining = frames;
    long d = -outR;
    while (true) {
      while (d < 0) {
        if (remaining == 0) {
          return new PcmSegment(java.util.Arrays.copyOf(out, written), ch, outRate);
        }
        for (int c = 0; c < ch; c++) {
          prev[c] = cur[c];
          cur[c] = seg.data[pos++] << 16;
        }
        remaining--;
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
