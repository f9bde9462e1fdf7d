package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class TruePeakMeterTest {
  @Test
  void oversamplingFollowsBs1770Annex2() {
    assertEquals(4, TruePeakMeter.oversamplingFactor(8_000));
    assertEquals(4, TruePeakMeter.oversamplingFactor(44_100));
    assertEquals(4, TruePeakMeter.oversamplingFactor(48_000));
    assertEquals(2, TruePeakMeter.oversamplingFactor(96_000));
    assertEquals(2, TruePeakMeter.oversamplingFactor(176_400));
    assertEquals(1, TruePeakMeter.oversamplingFactor(192_000));
  }

  @Test
  void quarterRateSineAt45DegreesPeaksBetweenSamples() {
    // samples at +-0.707 of a full-scale sine: -3.01 dBFS sample peak, 0 dBTP true peak (faded in
    // and out: a band-limited reconstruction rings at an abrupt start, as ffmpeg's does)
    float[] sine = Signals.sine(48_000, 12_000, 1.0, 1, Math.PI / 4);
    AudioClip clip = AudioClip.mono(48_000, Signals.faded(sine, 48_000, 0.05));
    PeakLevels peaks = TruePeakMeter.measure(clip);
    assertEquals(-3.01, peaks.samplePeakDbfs(), 0.01);
    assertEquals(0.0, peaks.truePeakDbtp(), 0.05);
  }

  @Test
  void interpolatesBandLimitedSignalsAccurately() {
    // 0.3 dB is the acceptance tolerance; a sine well inside the band must be far closer
    for (double f : new double[] {997, 5_000, 15_000}) {
      float[] sine = Signals.sine(44_100, f, 0.5, 0.5, 0.3);
      AudioClip clip = AudioClip.mono(44_100, Signals.faded(sine, 44_100, 0.05));
      assertEquals(20 * Math.log10(0.5), TruePeakMeter.measure(clip).truePeakDbtp(), 0.02, f + " Hz");
    }
  }

  @Test
  void anAbruptStartRingsAboveTheSineAsBandLimitedSignalsDo() {
    float[] sine = Signals.sine(48_000, 12_000, 1.0, 1, Math.PI / 4);
    assertTrue(TruePeakMeter.measure(AudioClip.mono(48_000, sine)).truePeakDbtp() > 0.05);
  }

  @Test
  void phaseZeroIsTheSampleItselfAndSkippingIsExact() {
    float[] x = MeasureCorpus.clip("us_clipped_44k.flac").channel(0);
    PolyphaseInterpolator interpolator = new PolyphaseInterpolator(4);
    double bruteForce = 0;
    for (int i = -1; i < x.length; i++) {
      for (int p = 0; p < 4; p++) {
        bruteForce = Math.max(bruteForce, Math.abs(interpolator.valueAt(x, i, p)));
      }
    }
    assertEquals(x[1000], interpolator.valueAt(x, 1000, 0));
    assertEquals(bruteForce, interpolator.maxAbs(x, 0.0), 1e-12);
  }

  @Test
  void truePeakIsNeverBelowSamplePeakAndCoversAllChannels() {
    float[] quiet = Signals.sine(16_000, 440, 0.1, 1);
    float[] loud = Signals.sine(16_000, 440, 0.8, 1);
    PeakLevels peaks = TruePeakMeter.measure(Signals.stereo(16_000, quiet, loud));
    assertEquals(20 * Math.log10(0.8), peaks.samplePeakDbfs(), 0.01);
    assertTrue(peaks.truePeak() >= peaks.samplePeak());
    assertEquals(20 * Math.log10(0.8), peaks.truePeakDbtp(), 0.02);
  }

  @Test
  void digitalSilenceHasNoPeak() {
    PeakLevels peaks = TruePeakMeter.measure(AudioClip.mono(22_050, new float[22_050]));
    assertNull(peaks.samplePeakDbfs());
    assertNull(peaks.truePeakDbtp());
  }
}
