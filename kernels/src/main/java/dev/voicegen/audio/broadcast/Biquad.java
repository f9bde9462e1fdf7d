package dev.voicegen.audio.broadcast;

/** A second-order IIR section (direct form I), designed per the RBJ Audio EQ Cookbook. */
final class Biquad {
  private final double b0;
  private final double b1;
  private final double b2;
  private final double a1;
  private final double a2;

  private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
    this.b0 = b0 / a0;
    this.b1 = b1 / a0;
    this.b2 = b2 / a0;
    this.a1 = a1 / a0;
    this.a2 = a2 / a0;
  }

  /** RBJ cookbook high-pass; Q = 1/sqrt(2) gives a Butterworth response. */
  static Biquad highPass(double sampleRate, double cutoffHz, double q) {
    double w0 = 2 * Math.PI * cutoffHz / sampleRate;
    double alpha = Math.sin(w0) / (2 * q);
    double cos = Math.cos(w0);
    return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
  }

  /** Filters {@code x} into a new array. */
  float[] apply(float[] x) {
    float[] y = new float[x.length];
    double x1 = 0;
    double x2 = 0;
    double y1 = 0;
    double y2 = 0;
    for (int i = 0; i < x.length; i++) {
      double out = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
      x2 = x1;
      x1 = x[i];
      y2 = y1;
      y1 = out;
      y[i] = (float) out;
    }
    return y;
  }
}
