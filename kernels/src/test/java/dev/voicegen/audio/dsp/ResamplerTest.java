package dev.voicegen.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Passband flatness, stopband rejection and aliasing, measured with tones and a sweep. */
class ResamplerTest {
  private static final double RIPPLE_DB = 0.1;
  private static final double REJECTION_DB = -90;
  private static final double AMPLITUDE = 0.5;

  static Stream<Arguments> ratePairs() {
    return Stream.of(
        Arguments.of(44100, 22050), Arguments.of(48000, 22050), Arguments.of(22050, 16000),
        Arguments.of(8000, 44100), Arguments.of(44100, 24000), Arguments.of(16000, 48000),
        // a ratio too fine for a table: rows are computed per sample
        Arguments.of(44100, 44101));
  }

  private static float[] tone(double hz, int rate, double seconds) {
    float[] x = new float[(int) (seconds * rate)];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * hz * i / rate + 0.3));
    }
    return x;
  }

  /** Least-squares fit of a·cos + b·sin at {@code hz} over the output's interior. */
  private static double[] fit(float[] y, double hz, int rate, int margin) {
    double cc = 0;
    double ss = 0;
    double cs = 0;
    double yc = 0;
    double ys = 0;
    for (int n = margin; n < y.length - margin; n++) {
      double c = Math.cos(2 * Math.PI * hz * n / rate);
      double s = Math.sin(2 * Math.PI * hz * n / rate);
      cc += c * c;
      ss += s * s;
      cs += c * s;
      yc += y[n] * c;
      ys += y[n] * s;
    }
    double det = cc * ss - cs * cs;
    double a = (yc * ss - ys * cs) / det;
    double b = (ys * cc - yc * cs) / det;
    double residual = 0;
    double fitted = 0;
    for (int n = margin; n < y.length - margin; n++) {
      double f = a * Math.cos(2 * Math.PI * hz * n / rate) + b * Math.sin(2 * Math.PI * hz * n / rate);
      residual += (y[n] - f) * (y[n] - f);
      fitted += f * f;
    }
    return new double[] {Math.hypot(a, b), 10 * Math.log10(residual / fitted)};
  }

  private static double db(double ratio) {
    return 20 * Math.log10(ratio);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("ratePairs")
  void passbandIsFlatAndClean(int in, int out) {
    double lowerNyquist = Math.min(in, out) / 2.0;
    int margin = out / 50; // 20 ms: well past the filter's edge transients
    for (double fraction : new double[] {0.01, 0.1, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9}) {
      double hz = fraction * lowerNyquist;
      float[] y = Resampler.resample(tone(hz, in, 0.25), in, out);
      double[] fit = fit(y, hz, out, margin);
      double gainDb = db(fit[0] / AMPLITUDE);
      assertTrue(Math.abs(gainDb) <= RIPPLE_DB, in + "->" + out + " at " + hz + " Hz: gain " + gainDb + " dB");
      // anything that is not the tone is an alias, an image or numerical noise
      assertTrue(fit[1] <= REJECTION_DB, in + "->" + out + " at " + hz + " Hz: residual " + fit[1] + " dB");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("ratePairs")
  void tonesAboveTheNewNyquistVanish(int in, int out) {
    if (out >= in) {
      return; // nothing in the input lies above the output's Nyquist frequency
    }
    double nyquist = out / 2.0;
    int margin = out / 50;
    for (double fraction : new double[] {1.0, 1.02, 1.2, 1.5, 1.9}) {
      double hz = fraction * nyquist;
      if (hz >= in / 2.0) {
        continue;
      }
      float[] y = Resampler.resample(tone(hz, in, 0.25), in, out);
      double energy = 0;
      for (int n = margin; n < y.length - margin; n++) {
        energy += y[n] * y[n];
      }
      double relativeDb = 10 * Math.log10(energy / (y.length - 2 * margin) / (AMPLITUDE * AMPLITUDE / 2));
      assertTrue(relativeDb <= REJECTION_DB, in + "->" + out + " tone at " + hz + " Hz: " + relativeDb + " dB");
    }
  }

  @Test
  void sweepAboveTheNewNyquistDoesNotAlias() {
    int in = 48000;
    int out = 22050;
    double seconds = 2.0;
    double f0 = 20;
    double f1 = 23900;
    float[] x = new float[(int) (seconds * in)];
    for (int i = 0; i < x.length; i++) {
      double t = i / (double) in;
      x[i] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * seconds))));
    }
    float[] y = Resampler.resample(x, in, out);
    int block = out / 100;
    double worst = Double.NEGATIVE_INFINITY;
    int checked = 0;
    for (int start = 0; start + block <= y.length; start += block) {
      double t = (start + block / 2.0) / out;
      double hz = f0 + (f1 - f0) * t / seconds;
      // 250 Hz of slack covers the sweep's movement across a block and the filter's length
      if (hz < out / 2.0 + 250 || hz > in / 2.0 - 250) {
        continue;
      }
      double energy = 0;
      for (int n = start; n < start + block; n++) {
        energy += y[n] * y[n];
      }
      worst = Math.max(worst, 10 * Math.log10(energy / block / (AMPLITUDE * AMPLITUDE / 2)));
      checked++;
    }
    System.out.printf("resampler sweep 48000->22050: loudest block above Nyquist %.1f dB%n", worst);
    assertTrue(checked > 40, "blocks checked: " + checked);
    assertTrue(worst <= REJECTION_DB, "loudest block above Nyquist: " + worst + " dB");
  }

  @Test
  void lengthIsTheRoundedRatio() {
    assertEquals(22050, Resampler.outputLength(44100, 44100, 22050));
    assertEquals(2, Resampler.outputLength(3, 44100, 22050)); // 1.5 rounds up
    assertEquals(1, Resampler.outputLength(2, 44100, 22050));
    assertEquals(Math.round(12345 * 16000 / 22050.0), Resampler.outputLength(12345, 22050, 16000));
    assertEquals(Math.round(777 * 44100 / 8000.0), Resampler.resample(new float[777], 8000, 44100).length);
    assertEquals(0, Resampler.resample(new float[0], 48000, 16000).length);
  }

  @Test
  void clipsKeepTheirChannelsApart() {
    float[] left = tone(440, 48000, 0.1);
    float[] right = tone(1000, 48000, 0.1);
    AudioClip clip = new AudioClip(48000, new float[][] {left, right});
    AudioClip got = Resampler.resample(clip, 22050);
    assertEquals(22050, got.sampleRate());
    assertEquals(2, got.channelCount());
    assertArrayEquals(Resampler.resample(left, 48000, 22050), got.channel(0));
    assertArrayEquals(Resampler.resample(right, 48000, 22050), got.channel(1));
    assertSame(clip, Resampler.resample(clip, 48000));
  }

  @Test
  void rejectsNonPositiveRates() {
    assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[4], 0, 16000));
    assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[4], 16000, -1));
  }
}
