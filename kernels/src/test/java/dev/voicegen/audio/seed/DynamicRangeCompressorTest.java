package dev.voicegen.audio.seed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DynamicRangeCompressorTest {
  private static final int RATE = 22050;

  /** 200 ms at 1000 (-30 dBFS), 300 ms at 20000 (-4.3 dBFS), 300 ms at 1000; values from pydub 0.25. */
  @Test
  void stepUpAndDownMatchesPydub() {
    short[] step = Signals.concat(Signals.constant(4410, 1000), Signals.constant(6615, 20000),
        Signals.constant(6615, 1000));
    short[] out = Signals.samples(
        new DynamicRangeCompressor(-20, 4, 5, 50).apply(Signals.mono(RATE, step)));
    int[][] expected = {
      {0, 1000}, {4409, 1000}, {4410, 20000}, {4411, 20000}, {4520, 7371}, {4600, 5150},
      {5000, 5150}, {8000, 5150}, {11024, 5150}, {11025, 257}, {11100, 279}, {11300, 284},
      {12000, 284}, {15000, 284}, {17639, 284},
    };
    for (int[] e : expected) {
      assertEquals(e[1], out[e[0]], "sample " + e[0]);
    }
  }

  @Test
  void steadyStateAttenuationIsOneMinusInverseRatioOfTheExcess() {
    short[] loud = Signals.constant(22050, 20000);
    short[] out = Signals.samples(new DynamicRangeCompressor(-20, 4, 5, 50).apply(Signals.mono(RATE, loud)));
    double over = 20 * Math.log10(20000 / 3276.8);
    double attenuation = (1 - 1 / 4.0) * over;
    assertEquals(Math.floor(20000 * Math.pow(10, -attenuation / 20)), out[20000], 1);
  }

  @Test
  void belowThresholdNothingChanges() {
    short[] quiet = Signals.sine(RATE, 440, 0.1, 0.5); // peak -20 dBFS, rms -23 dBFS
    assertArrayEquals(quiet, Signals.samples(
        new DynamicRangeCompressor(-20, 3, 5, 50).apply(Signals.mono(RATE, quiet))));
  }

  @Test
  void attenuationFreezesOnceTheLevelDropsBelowThreshold() {
    // pydub's release steps by max_attenuation / release_frames, and max_attenuation is 0 below
    // the threshold: after a loud passage, quiet audio stays attenuated by a constant factor
    short[] in = Signals.concat(Signals.constant(4410, 20000), Signals.constant(22050, 1000));
    short[] out = Signals.samples(new DynamicRangeCompressor(-20, 4, 5, 50).apply(Signals.mono(RATE, in)));
    assertEquals(out[4410 + 2000], out[4410 + 20000]);
    assertEquals(true, out[4410 + 20000] < 1000);
  }

  /** The fast gain factor stays far inside the 1e-9 band next to integers where StrictMath takes over. */
  @Test
  void attenuationFactorIsWithinAFewUlpsOfPow() {
    java.util.Random random = new java.util.Random(7);
    double worst = 0;
    for (int i = 0; i < 1_000_000; i++) {
      double db = i < 1000 ? i * 0.07 : random.nextDouble() * 70;
      double exact = StrictMath.pow(10, -db / 20);
      double relative = Math.abs(DynamicRangeCompressor.attenuationFactor(db) - exact) / exact;
      worst = Math.max(worst, relative);
    }
    // the kernel takes pydub's factor to lie within FACTOR_SLACK of this one: far inside it
    assertEquals(0, worst, 4e-15, "worst relative error " + worst);
    assertTrue(worst < DynamicRangeCompressor.FACTOR_SLACK / 10);
  }

  /**
   * The gain step multiplies by both bounds of the factor and falls back to pydub's own factor
   * where their floors differ: every 16-bit value, at attenuations whose factor puts whole runs of
   * products on or next to an integer (x 1/2, x 1/4, x 1/10), gets audioop.mul's result.
   */
  @Test
  void productsNextToAnIntegerGetPydubsExactFactor() {
    short[] in = new short[65536];
    for (int i = 0; i < in.length; i++) {
      in[i] = (short) (i - 32768);
    }
    for (double db : new double[] {20 * Math.log10(2), 20 * Math.log10(4), 20.0, 7.3}) {
      DynamicRangeCompressor.Block b = new DynamicRangeCompressor.Block(in.length);
      b.attenuate(db);
      for (int j = 0; j < in.length; j++) {
        b.frame(j);
      }
      short[] out = new short[in.length];
      DynamicRangeCompressor.applyGain(in, out, 1, 0, in.length, b);
      double pydubFactor = StrictMath.pow(10, -db / 20);
      int fellBack = 0;
      for (int i = 0; i < in.length; i++) {
        assertEquals(PcmSegment.mulSample(in[i], pydubFactor), out[i], db + " dB, sample " + in[i]);
        if ((int) Math.floor(in[i] * b.low[i]) != (int) Math.floor(in[i] * b.high[i])) {
          fellBack++;
        }
      }
      if (db != 7.3) {
        assertTrue(fellBack > 1000, db + " dB: only " + fellBack + " products next to an integer");
      }
    }
  }

  /**
   * The optimised kernel (shared dB table, table-based factor within bounds, window sums, roots
   * and products in loops of their own a block at a time) against a literal transcription of pydub's loop, on
   * bursts of noise at many levels, mono and stereo, at two ratios: the same samples.
   */
  @Test
  void sameSamplesAsALiteralPortOfPydubsLoop() {
    java.util.Random random = new java.util.Random(3);
    for (int ch : new int[] {1, 2}) {
      short[] x = new short[ch * 3 * RATE];
      for (int i = 0; i < x.length; i++) {
        double level = Math.pow(10, -(i / (ch * 2205) % 12) * 4.0 / 20); // 100 ms steps, 0 to -44 dB
        x[i] = (short) Math.max(-32768, Math.min(32767, Math.round(random.nextGaussian() * 9000 * level)));
      }
      PcmSegment seg = new PcmSegment(x, ch, RATE);
      for (double ratio : new double[] {3, 4}) {
        assertArrayEquals(literalPydub(seg, -20, ratio, 5, 50),
            new DynamicRangeCompressor(-20, ratio, 5, 50).apply(seg).data, ch + " ch, " + ratio + ":1");
      }
    }
  }

  /** pydub 0.25 compress_dynamic_range, line by line, with audioop.rms and audioop.mul. */
  private static short[] literalPydub(PcmSegment seg, double thresh, double ratio, double attack, double release) {
    double threshRms = 32768 * StrictMath.pow(10, thresh / 20);
    int look = (int) seg.frameCount(attack);
    double attackFrames = seg.frameCount(attack);
    double releaseFrames = seg.frameCount(release);
    short[] out = seg.data.clone();
    double attenuation = 0.0;
    for (int i = 0; i < seg.frames(); i++) {
      PcmSegment window = seg.sampleSlice(i - look, i);
      int rms = window.rms();
      double over = rms == 0 ? 0 : Math.max(PcmSegment.ratioToDb(rms / threshRms), 0);
      double maxAttenuation = (1 - (1.0 / ratio)) * over;
      double inc = maxAttenuation / attackFrames;
      double dec = maxAttenuation / releaseFrames;
      if (rms > threshRms && attenuation <= maxAttenuation) {
        attenuation = Math.min(attenuation + inc, maxAttenuation);
      } else {
        attenuation = Math.max(attenuation - dec, 0);
      }
      if (attenuation != 0.0) {
        double factor = StrictMath.pow(10, -attenuation / 20);
        for (int c = 0; c < seg.channels; c++) {
          out[i * seg.channels + c] = PcmSegment.mulSample(seg.data[i * seg.channels + c], factor);
        }
      }
    }
    return out;
  }
}
