package dev.voicegen.audio.dsp;

/**
 * The Kaiser window and Kaiser's empirical design formulas for windowed-sinc lowpass filters
 * (Oppenheim and Schafer, Discrete-Time Signal Processing, 3rd ed., eqs. 7.62 and 7.63).
 */
public final class KaiserWindow {
  private KaiserWindow() {}

  /** The shape parameter that reaches {@code attenuationDb} of stopband attenuation (eq. 7.62). */
  static double beta(double attenuationDb) {
    if (attenuationDb > 50) {
      return 0.1102 * (attenuationDb - 8.7);
    }
    if (attenuationDb >= 21) {
      return 0.5842 * Math.pow(attenuationDb - 21, 0.4) + 0.07886 * (attenuationDb - 21);
    }
    return 0;
  }

  /**
   * The filter order (taps - 1) for {@code attenuationDb} and a transition band of
   * {@code transition} cycles per sample (eq. 7.63).
   */
  static double order(double attenuationDb, double transition) {
    return (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition);
  }

  /** w(t) for a window spanning (-halfWidth, halfWidth); zero on and beyond the ends. */
  public static double value(double t, double halfWidth, double beta) {
    double r = t / halfWidth;
    if (r <= -1 || r >= 1) {
      return 0;
    }
    return bessel0(beta * Math.sqrt(1 - r * r)) / bessel0(beta);
  }

  /** The modified Bessel function of the first kind, order 0, by its power series. */
  static double bessel0(double x) {
    double quarterSq = x * x / 4;
    double term = 1;
    double sum = 1;
    for (int k = 1; k < 500; k++) {
      term *= quarterSq / ((double) k * k);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return sum;
  }
}
