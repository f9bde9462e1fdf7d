package dev.voicegen.audio.dsp;

/**
 * One rational rate change L/M as a polyphase bank of a Kaiser-windowed sinc lowpass.
 *
 * <p>Output sample k sits at input time t = k·M/L = base + p/L; it is the sum over the 2·half input
 * samples around t of x[i]·g(t - i), where g(τ) = 2f·sinc(2fτ)·kaiser(τ/half) and f is the cutoff in
 * cycles per input sample. The L distinct fractional offsets p/L give the table's L rows. Instances
 * are immutable and safe to share between threads.
 */
final class PolyphaseFilter {
  /** Designed stopband attenuation; the Kaiser formulas land near it, so 96 keeps the 90 dB promise. */
  static final double ATTENUATION_DB = 96;
  /** Passband edge, as a fraction of the lower Nyquist frequency: flat up to here. */
  static final double PASSBAND_EDGE = 0.90;
  /** Stopband edge, as a fraction of the lower Nyquist frequency: nothing above it survives. */
  static final double STOPBAND_EDGE = 1.00;
  /** Largest table (coefficients) kept; rarer, finer ratios compute their rows on the fly. */
  private static final int MAX_TABLE = 1 << 20;

  final int up;
  final int down;
  private final int half;
  private final int taps;
  private final double cutoff;
  private final double beta;
  private final double[] table;

  PolyphaseFilter(int inRate, int outRate) {
    int g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    double lowerNyquist = Math.min(inRate, outRate) / 2.0;
    this.cutoff = (PASSBAND_EDGE + STOPBAND_EDGE) / 2 * lowerNyquist / inRate;
    double transition = (STOPBAND_EDGE - PASSBAND_EDGE) * lowerNyquist / inRate;
    this.beta = KaiserWindow.beta(ATTENUATION_DB);
    this.half = (int) Math.ceil(KaiserWindow.order(ATTENUATION_DB, transition) / 2);
    this.taps = 2 * half;
    if ((long) up * taps <= MAX_TABLE) {
      table = new double[up * taps];
      for (int p = 0; p < up; p++) {
        fillRow(p, table, p * taps);
      }
    } else {
      table = null;
    }
  }

  /** Input samples each output sample reads. */
  int taps() {
    return taps;
  }

  /** Output length for {@code n} input samples: round(n·L/M), halves up. */
  long outputLength(long n) {
    return (2 * n * up + down) / (2L * down);
  }

  /** The filtered, rate-changed signal; samples outside the input count as zero. */
  float[] apply(float[] x) {
    long length = outputLength(x.length);
    if (length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("output too long: " + length + " samples");
    }
    float[] out = new float[(int) length];
    double[] scratch = table == null ? new double[taps] : null;
    int n = x.length;
    long base = 0;
    int phase = 0;
    for (int k = 0; k < out.length; k++) {
      double[] row;
      int rowOffset;
      if (table != null) {
        row = table;
        rowOffset = phase * taps;
      } else {
        fillRow(phase, scratch, 0);
        row = scratch;
        rowOffset = 0;
      }
      long first = base - half + 1;
      if (first >= 0 && first + taps <= n) {
        out[k] = (float) dot(x, (int) first, row, rowOffset, taps);
      } else {
        out[k] = (float) edgeDot(x, first, row, rowOffset, taps);
      }
      phase += down;
      base += phase / up;
      phase %= up;
    }
    return out;
  }

  /** Row p: g(p/L + half - 1 - j) for tap j, the weight of input sample base - half + 1 + j. */
  private void fillRow(int p, double[] into, int offset) {
    double frac = p / (double) up;
    for (int j = 0; j < taps; j++) {
      double tau = frac + half - 1 - j;
      into[offset + j] = 2 * cutoff * sinc(2 * cutoff * tau) * KaiserWindow.value(tau, half, beta);
    }
  }

  // four partial sums keep the multiply-adds independent, which roughly doubles throughput
  private static double dot(float[] x, int from, double[] h, int offset, int count) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = 0;
    for (; j + 3 < count; j += 4) {
      s0 += x[from + j] * h[offset + j];
      s1 += x[from + j + 1] * h[offset + j + 1];
      s2 += x[from + j + 2] * h[offset + j + 2];
      s3 += x[from + j + 3] * h[offset + j + 3];
    }
    for (; j < count; j++) {
      s0 += x[from + j] * h[offset + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static double edgeDot(float[] x, long from, double[] h, int offset, int count) {
    double s = 0;
    for (int j = 0; j < count; j++) {
      long i = from + j;
      if (i >= 0 && i < x.length) {
        s += x[(int) i] * h[offset + j];
      }
    }
    return s;
  }

  private static double sinc(double x) {
    if (x == 0) {
      return 1;
    }
    double px = Math.PI * x;
    return Math.sin(px) / px;
  }

  static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
