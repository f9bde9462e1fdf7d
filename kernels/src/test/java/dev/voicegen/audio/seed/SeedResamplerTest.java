package dev.voicegen.audio.seed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

/** Expected values are CPython's audioop.ratecv, through pydub's set_frame_rate(22050). */
class SeedResamplerTest {
  private static final short[] IN = {0, 1000, -2000, 3000, 32767, -32768, 5, 7, 9, -1, 123, -456};

  @Test
  void downFrom44100KeepsEveryOtherFrame() {
    assertArrayEquals(new short[] {0, -2000, 32767, 5, 9, 123}, resampled(44100));
  }

  @Test
  void downFrom48000() {
    assertArrayEquals(new short[] {0, -1116, 9584, 6, 1, -390}, resampled(48000));
  }

  @Test
  void upFrom16000() {
    assertArrayEquals(new short[] {0, 725, -354, -1116, 2512, 21697, 9584, -30167, -6387, 6, 7, 8, 1,
        52, 31, -390}, resampled(16000));
  }

  @Test
  void upFrom11025InterpolatesLinearly() {
    assertArrayEquals(new short[] {0, 500, 1000, -500, -2000, 500, 3000, 17883, 32767, -1, -32768,
        -16382, 5, 6, 7, 8, 9, 4, -1, 61, 123, -167, -456}, resampled(11025));
  }

  @Test
  void stereoFramesStayTogether() {
    PcmSegment stereo = new PcmSegment(IN, 2, 44100);
    assertArrayEquals(new short[] {0, 1000, 32767, -32768, 9, -1},
        SeedResampler.resample(stereo, 22050).data);
  }

  @Test
  void sameRateIsANoOp() {
    AudioClip clip = Signals.mono(22050, IN);
    assertSame(clip, SeedResampler.resample(clip, 22050));
    assertEquals(0, SeedResampler.resample(Signals.mono(44100), 22050).frames());
  }

  @Test
  void mixdownFloorsTheAverage() {
    // audioop.tomono(0.5, 0.5) floors: (1 + 2) / 2 -> 1, (-1 - 2) / 2 -> -2
    PcmSegment stereo = new PcmSegment(new short[] {1, 2, -1, -2, 32767, 32767, -32768, -32768}, 2, 22050);
    assertArrayEquals(new short[] {1, -2, 32767, -32768}, MonoMixdown.toMono(stereo).data);
    // three channels: sum of floor(sample / 3), as pydub's set_channels(1)
    PcmSegment three = new PcmSegment(new short[] {1, 1, 1, -1, 0, 0, 300, 300, 301}, 3, 22050);
    assertArrayEquals(new short[] {0, -1, 300}, MonoMixdown.toMono(three).data);
  }

  /**
   * The table-driven loop against a line-by-line port of audioop.ratecv's (one channel, weights 1
   * and 0), for rate pairs up and down with small and large reduced ratios and lengths from one
   * frame to several periods: the same samples. Stereo goes through the mono mix first.
   */
  @Test
  void sameSamplesAsALiteralPortOfRatecv() {
    java.util.Random random = new java.util.Random(11);
    int[][] pairs = {{44100, 22050}, {48000, 22050}, {16000, 22050}, {11025, 22050}, {8000, 22050},
        {22050, 16000}, {44056, 22050}, {22050, 44100}, {96000, 22050}, {7, 3}};
    for (int[] pair : pairs) {
      for (int frames : new int[] {1, 2, 3, 147, 1000, 20011}) {
        for (int ch : new int[] {1, 2}) {
          short[] x = new short[frames * ch];
          for (int i = 0; i < x.length; i++) {
            x[i] = (short) (random.nextInt(65536) - 32768);
          }
          PcmSegment seg = new PcmSegment(x, ch, pair[0]);
          short[] expected = literalRatecv(MonoMixdown.toMono(seg).data, pair[0], pair[1]);
          assertArrayEquals(expected, SeedResampler.toMonoAt(seg, pair[1]).data,
              pair[0] + " -> " + pair[1] + ", " + frames + " frames, " + ch + " ch");
        }
      }
    }
  }

  /** CPython 3.11 audioop.ratecv for one channel of 16-bit samples, weightA 1, weightB 0, no state. */
  private static short[] literalRatecv(short[] x, int inRate, int outRate) {
    int g = java.math.BigInteger.valueOf(inRate).gcd(java.math.BigInteger.valueOf(outRate)).intValue();
    inRate /= g;
    outRate /= g;
    java.util.List<Short> out = new java.util.ArrayList<>();
    int prev = 0;
    int cur = 0;
    int next = 0;
    long d = -outRate;
    while (true) {
      while (d < 0) {
        if (next == x.length) {
          short[] result = new short[out.size()];
          for (int i = 0; i < result.length; i++) {
            result[i] = out.get(i);
          }
          return result;
        }
        prev = cur;
        cur = x[next++] << 16;
        d += outRate;
      }
      while (d >= 0) {
        int value = (int) (((double) prev * d + (double) cur * (outRate - d)) / outRate);
        out.add((short) (value >> 16));
        d -= inRate;
      }
    }
  }

  private static short[] resampled(int rate) {
    AudioClip out = SeedResampler.resample(Signals.mono(rate, IN), 22050);
    assertEquals(22050, out.sampleRate());
    return Signals.samples(out);
  }
}
