package dev.voicegen.audio.measure;

/**
 * The K-weighting of ITU-R BS.1770-4: a high-shelf "pre-filter" followed by the RLB high-pass, as two
 * biquads derived for any sample rate from their analog prototypes the way libebur128 (and ffmpeg's
 * ebur128 filter) derive them. At 48 kHz the coefficients equal the BS.1770 table.
 *
 * <p>An instance filters one channel and keeps its state between calls, so a long channel can be
 * fed in pieces; it is not thread-safe.
 */
public final class KWeightingFilter {
  // shelf (pre-filter) prototype: libebur128's fit of the BS.1770-4 stage-1 filter
  private static final double SHELF_F0_HZ = 1681.974450955533;
  private static final double SHELF_GAIN_DB = 3.999843853973347;
  private static final double SHELF_Q = 0.7071752369554196;
  // libebur128: exponent that splits the shelf gain between the band and high terms
  private static final double SHELF_VB_EXPONENT = 0.4996667741545416;
  // RLB high-pass prototype: libebur128's fit of the BS.1770-4 stage-2 filter
  private static final double HIGH_PASS_F0_HZ = 38.13547087602444;
  private static final double HIGH_PASS_Q = 0.5003270373238773;

  /** Stage 1 numerator b0..b2 and denominator a1, a2 (a0 = 1). */
  private final double sb0, sb1, sb2, sa1, sa2;
  /** Stage 2 denominator a1, a2; its numerator is 1, -2, 1 as in BS.1770-4. */
  private final double ha1, ha2;
  /** Transposed direct form II state of each stage. */
  private double s1, s2, h1, h2;

  public KWeightingFilter(int sampleRate) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    double k = Math.tan(Math.PI * SHELF_F0_HZ / sampleRate);
    double vh = Math.pow(10.0, SHELF_GAIN_DB / 20.0);
    double vb = Math.pow(vh, SHELF_VB_EXPONENT);
    double a0 = 1.0 + k / SHELF_Q + k * k;
    sb0 = (vh + vb * k / SHELF_Q + k * k) / a0;
    sb1 = 2.0 * (k * k - vh) / a0;
    sb2 = (vh - vb * k / SHELF_Q + k * k) / a0;
    sa1 = 2.0 * (k * k - 1.0) / a0;
    sa2 = (1.0 - k / SHELF_Q + k * k) / a0;

    k = Math.tan(Math.PI * HIGH_PASS_F0_HZ / sampleRate);
    a0 = 1.0 + k / HIGH_PASS_Q + k * k;
    ha1 = 2.0 * (k * k - 1.0) / a0;
    ha2 = (1.0 - k / HIGH_PASS_Q + k * k) / a0;
  }

  /** Coefficients {b0, b1, b2, a1, a2} of the shelf stage (a0 = 1). */
  public double[] shelfCoefficients() {
    return new double[] {sb0, sb1, sb2, sa1, sa2};
  }

  /** Coefficients {b0, b1, b2, a1, a2} of the high-pass stage (a0 = 1). */
  public double[] highPassCoefficients() {
    return new double[] {1.0, -2.0, 1.0, ha1, ha2};
  }

  /** Filters one sample. */
  public double next(double x) {
    double y = sb0 * x + s1;
    s1 = sb1 * x - sa1 * y + s2;
    s2 = sb2 * x - sa2 * y;
    double z = y + h1;
    h1 = -2.0 * y - ha1 * z + h2;
    h2 = y - ha2 * z;
    return z;
  }

  /** Filters {@code samples[from, to)} and returns the sum of the squared outputs. */
  public double sumOfSquares(float[] samples, int from, int to) {
    // locals rather than fields in the hot loop
    double b0 = sb0, b1 = sb1, b2 = sb2, a1 = sa1, a2 = sa2, c1 = ha1, c2 = ha2;
    double st1 = s1, st2 = s2, ht1 = h1, ht2 = h2;
    double sum = 0;
    for (int i = from; i < to; i++) {
      double x = samples[i];
      double y = b0 * x + st1;
      st1 = b1 * x - a1 * y + st2;
      st2 = b2 * x - a2 * y;
      double z = y + ht1;
      ht1 = -2.0 * y - c1 * z + ht2;
      ht2 = y - c2 * z;
      sum += z * z;
    }
    s1 = st1;
    s2 = st2;
    h1 = ht1;
    h2 = ht2;
    return sum;
  }
}
