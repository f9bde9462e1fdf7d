package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class LoudnessMeterTest {
  private static final int RATE = 48_000;

  /** ITU-R BS.1770-4, Table 1 and Table 2: the K-weighting coefficients at 48 kHz. */
  private static final double[] BS1770_SHELF = {
    1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585
  };
  private static final double[] BS1770_HIGH_PASS = {1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621};

  @Test
  void coefficientsAt48kHzAreTheBs1770Table() {
    KWeightingFilter filter = new KWeightingFilter(RATE);
    assertArrayEquals(BS1770_SHELF, filter.shelfCoefficients(), 1e-12);
    assertArrayEquals(BS1770_HIGH_PASS, filter.highPassCoefficients(), 1e-12);
  }

  @Test
  void responseAt48kHzFollowsTheBs1770Filter() {
    for (double f : new double[] {20, 50, 100, 500, 997, 2000, 5000, 10_000, 20_000}) {
      double expected = responseDb(BS1770_SHELF, f, RATE) + responseDb(BS1770_HIGH_PASS, f, RATE);
      assertEquals(expected, measuredGainDb(RATE, f), 0.01, f + " Hz");
    }
    // the points the -0.691 dB offset and the shelf are known by
    assertEquals(0.691, measuredGainDb(RATE, 997), 0.01, "gain at 997 Hz");
    assertEquals(4.0, measuredGainDb(RATE, 10_000), 0.1, "shelf gain at 10 kHz");
    assertEquals(-6.0, measuredGainDb(RATE, 38.135), 0.05, "high-pass corner (Q = 0.5: -6 dB)");
  }

  @Test
  void otherRatesApproximateTheSameAnalogCurve() {
    // the bilinear transform bends the curve as the frequency nears Nyquist, more at low rates
    assertSameCurveAs48k(new int[] {44_100, 96_000}, new double[] {50, 100, 997, 3000}, 0.03);
    assertSameCurveAs48k(new int[] {16_000, 22_050}, new double[] {50, 100, 997}, 0.1);
  }

  private static void assertSameCurveAs48k(int[] rates, double[] frequencies, double toleranceDb) {
    for (int rate : rates) {
      for (double f : frequencies) {
        double at48k = responseDb(BS1770_SHELF, f, RATE) + responseDb(BS1770_HIGH_PASS, f, RATE);
        assertEquals(at48k, measuredGainDb(rate, f), toleranceDb, rate + " Hz rate, " + f + " Hz");
      }
    }
  }

  @Test
  void fullScale997HzSineReadsMinus3Point01Lufs() {
    // EBU Tech 3341: a 0 dBFS sine in one channel reads -3.01 LUFS
    AudioClip clip = AudioClip.mono(RATE, Signals.sine(RATE, 997, 1.0, 5));
    assertEquals(-3.01, LoudnessMeter.integratedLufs(clip), 0.01);
  }

  @Test
  void ebuTech3341Case1StereoSineAtMinus23() {
    // EBU Tech 3341 case 1: 1 kHz, -23 dBFS in both channels, 20 s -> -23.0 LUFS (+-0.1)
    float[] sine = Signals.dbfsSine(RATE, 1000, -23, 20);
    assertEquals(-23.0, LoudnessMeter.integratedLufs(Signals.stereo(RATE, sine, sine)), 0.1);
  }

  @Test
  void ebuTech3341Case3RelativeGateDropsTheQuietParts() {
    // EBU Tech 3341 case 3: -36 / -23 / -36 dBFS for 10 / 60 / 10 s -> -23.0 LUFS (+-0.1)
    float[] sine = Signals.concat(
        Signals.dbfsSine(RATE, 1000, -36, 10), Signals.dbfsSine(RATE, 1000, -23, 60),
        Signals.dbfsSine(RATE, 1000, -36, 10));
    assertEquals(-23.0, LoudnessMeter.integratedLufs(Signals.stereo(RATE, sine, sine)), 0.1);
  }

  @Test
  void ebuTech3341Case4AbsoluteGateDropsNearSilence() {
    // EBU Tech 3341 case 4: -72 / -36 / -23 / -36 / -72 dBFS for 10 / 10 / 60 / 10 / 10 s -> -23.0
    float[] sine = Signals.concat(
        Signals.dbfsSine(RATE, 1000, -72, 10), Signals.dbfsSine(RATE, 1000, -36, 10),
        Signals.dbfsSine(RATE, 1000, -23, 60), Signals.dbfsSine(RATE, 1000, -36, 10),
        Signals.dbfsSine(RATE, 1000, -72, 10));
    assertEquals(-23.0, LoudnessMeter.integratedLufs(Signals.stereo(RATE, sine, sine)), 0.1);
  }

  @Test
  void surroundChannelsWeigh1Point41AndLfeNothing() {
    float[] sine = Signals.dbfsSine(RATE, 1000, -20, 3);
    float[] silence = new float[sine.length];
    double front = LoudnessMeter.integratedLufs(surround(0, sine, silence));
    assertEquals(-23.01, front, 0.02);
    // BS.1770-4: G = 1.41 for Ls and Rs, +1.49 dB
    assertEquals(front + 10 * Math.log10(1.41), LoudnessMeter.integratedLufs(surround(4, sine, silence)), 1e-6);
    assertEquals(front + 10 * Math.log10(1.41), LoudnessMeter.integratedLufs(surround(5, sine, silence)), 1e-6);
    assertNull(LoudnessMeter.integratedLufs(surround(3, sine, silence)), "LFE alone is not measured");
    assertArrayEquals(new double[] {1, 1, 1.41, 1.41}, LoudnessMeter.channelWeights(4), 0);
    assertArrayEquals(new double[] {1, 1, 1, 1.41, 1.41}, LoudnessMeter.channelWeights(5), 0);
  }

  @Test
  void notMeasurableIsNull() {
    assertNull(LoudnessMeter.integratedLufs(AudioClip.mono(RATE, Signals.sine(RATE, 1000, 0.5, 0.39))),
        "shorter than one 400 ms block");
    assertNull(LoudnessMeter.integratedLufs(AudioClip.mono(RATE, new float[RATE * 2])), "digital silence");
    assertNull(LoudnessMeter.integratedLufs(AudioClip.mono(RATE, Signals.dbfsSine(RATE, 1000, -80, 2))),
        "below the -70 LUFS absolute gate");
    assertEquals(-3.01, LoudnessMeter.integratedLufs(AudioClip.mono(RATE, Signals.sine(RATE, 997, 1.0, 0.4))),
        0.05, "exactly one block is enough");
  }

  @Test
  void blocksAre400MsEvery100Ms() {
    assertEquals(4410, LoudnessMeter.stepSamples(44_100));
    assertEquals(4800, LoudnessMeter.stepSamples(48_000));
    // 1 s: blocks end at 0.4, 0.5, ..., 1.0 s
    assertEquals(7, LoudnessMeter.blockPowers(AudioClip.mono(RATE, new float[RATE])).length);
    assertEquals(7, LoudnessMeter.blockPowers(AudioClip.mono(RATE, new float[RATE + 4799])).length);
  }

  private static AudioClip surround(int channel, float[] signal, float[] silence) {
    float[][] channels = new float[6][];
    for (int c = 0; c < 6; c++) {
      channels[c] = c == channel ? signal : silence;
    }
    return new AudioClip(RATE, channels);
  }

  /** Steady-state gain of the K-weighting on a sine, from the output power over 0.5 s after 1 s. */
  private static double measuredGainDb(int rate, double f) {
    KWeightingFilter filter = new KWeightingFilter(rate);
    int settle = rate;
    int n = rate / 2;
    double in = 0;
    double out = 0;
    for (int i = 0; i < settle + n; i++) {
      double x = Math.sin(2 * Math.PI * f * i / rate);
      double y = filter.next(x);
      if (i >= settle) {
        in += x * x;
        out += y * y;
      }
    }
    return 10 * Math.log10(out / in);
  }

  /** |H(e^jw)| in dB of a biquad {b0, b1, b2, a1, a2}. */
  private static double responseDb(double[] c, double f, int rate) {
    double w = 2 * Math.PI * f / rate;
    double numRe = c[0] + c[1] * Math.cos(w) + c[2] * Math.cos(2 * w);
    double numIm = -c[1] * Math.sin(w) - c[2] * Math.sin(2 * w);
    double denRe = 1 + c[3] * Math.cos(w) + c[4] * Math.cos(2 * w);
    double denIm = -c[3] * Math.sin(w) - c[4] * Math.sin(2 * w);
    return 10 * Math.log10((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm));
  }
}
