package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;

/**
 * Blind SNR estimate of speech by WADA-SNR (C. Kim and R. M. Stern, "Robust signal-to-noise ratio
 * estimation based on waveform amplitude distribution analysis", Interspeech 2008).
 *
 * <p>Speech amplitudes are modelled as Gamma-distributed (shape 0.4) and noise as Gaussian; the
 * statistic {@code G = log(E|z|) - E[log|z|]} of the peak-normalised signal is mapped to an SNR
 * through the published table for -20..100 dB, with linear interpolation. This follows the widely
 * used reference implementation (a port of the snreval MATLAB code) step by step, including its
 * 1e-10 floor on |z|; it runs on the mean of the channels. Results saturate at -20 and 100 dB: clean
 * speech with digital silence between words reads 100 dB, a strong DC offset or a steady tone -20 dB.
 */
public final class WadaSnr {
  // reference implementation: floor on |z| so that log|z| stays finite
  private static final double EPS = 1e-10;
  // Kim & Stern 2008 (reference implementation): the SNR of the first table entry, 1 dB apart
  private static final int FIRST_DB = -20;
  // Kim & Stern 2008: G(SNR) for SNR = -20, -19, ..., 100 dB (121 entries), as published with the
  // reference implementation; not monotonic at the low end, which the lookup rule below relies on.
  private static final double[] G_TABLE = {
    0.40974774, 0.40986926, 0.40998566, 0.40969089, 0.40986186, 0.40999006, 0.41027138,
    0.41052627, 0.41101024, 0.41143264, 0.41231718, 0.41337272, 0.41526426, 0.4178192,
    0.42077252, 0.42452799, 0.42918886, 0.43510373, 0.44234195, 0.45161485, 0.46221153,
    0.47491647, 0.48883809, 0.50509236, 0.52353709, 0.54372088, 0.56532427, 0.58847532,
    0.61346212, 0.63954496, 0.66750818, 0.69583724, 0.72454762, 0.75414799, 0.78323148,
    0.81240985, 0.84219775, 0.87166406, 0.90030504, 0.92880418, 0.95655449, 0.9835349,
    1.01047155, 1.0362095, 1.06136425, 1.08579312, 1.1094819, 1.13277995, 1.15472826,
    1.17627308, 1.19703503, 1.21671694, 1.23535898, 1.25364313, 1.27103891, 1.28718029,
    1.30302865, 1.31839527, 1.33294817, 1.34700935, 1.3605727, 1.37345513, 1.38577122,
    1.39733504, 1.40856397, 1.41959619, 1.42983624, 1.43958467, 1.44902176, 1.45804831,
    1.46669568, 1.47486938, 1.48269965, 1.49034339, 1.49748214, 1.50435106, 1.51076426,
    1.51698915, 1.5229097, 1.528578, 1.53389835, 1.5391211, 1.5439065, 1.54858517,
    1.55310776, 1.55744391, 1.56164927, 1.56566348, 1.56938671, 1.57307767, 1.57654764,
    1.57980083, 1.58304129, 1.58602496, 1.58880681, 1.59162477, 1.5941969, 1.59693155,
    1.599446, 1.60185011, 1.60408668, 1.60627134, 1.60826199, 1.61004547, 1.61192472,
    1.61369656, 1.61534074, 1.61688905, 1.61838916, 1.61985374, 1.62135878, 1.62268119,
    1.62390423, 1.62513143, 1.62632463, 1.6274027, 1.62842767, 1.62945532, 1.6303307,
    1.63128026, 1.63204102,
  };
  private static final int CHUNK = 8192;

  private WadaSnr() {}

  /** The estimated SNR in dB, in [-20, 100]; null for an empty clip or digital silence. */
  public static Double estimateDb(AudioClip clip) {
    int frames = clip.frames();
    double[] buffer = new double[Math.min(CHUNK, Math.max(1, frames))];
    double peak = 0;
    for (int from = 0; from < frames; from += CHUNK) {
      int count = Math.min(CHUNK, frames - from);
      MonoMix.read(clip, from, buffer, count);
      for (int i = 0; i < count; i++) {
        peak = Math.max(peak, Math.abs(buffer[i]));
      }
    }
    if (peak == 0) {
      return null;
    }
    // the reference divides by the peak first; so do we, for the same rounding of the 1e-10 floor
    double sumAbs = 0;
    double sumLog = 0;
    for (int from = 0; from < frames; from += CHUNK) {
      int count = Math.min(CHUNK, frames - from);
      MonoMix.read(clip, from, buffer, count);
      for (int i = 0; i < count; i++) {
        double z = Math.max(EPS, Math.abs(buffer[i] / peak));
        sumAbs += z;
        sumLog += Math.log(z);
      }
    }
    double meanAbs = Math.max(EPS, sumAbs / frames);
    return snrForStatistic(Math.log(meanAbs) - sumLog / frames);
  }

  /**
   * The table lookup of the reference: the last entry whose G is below {@code g}, interpolated
   * towards the next one. (The reference then splits the signal energy by this SNR and takes the
   * ratio of the parts back, which returns the same value.)
   */
  static double snrForStatistic(double g) {
    int index = -1;
    for (int i = 0; i < G_TABLE.length; i++) {
      if (G_TABLE[i] < g) {
        index = i;
      }
    }
    if (index < 0) {
      return FIRST_DB;
    }
    if (index == G_TABLE.length - 1) {
      return FIRST_DB + G_TABLE.length - 1;
    }
    return FIRST_DB + index + (g - G_TABLE[index]) / (G_TABLE[index + 1] - G_TABLE[index]);
  }

  /** Number of entries of the published table (121). */
  static int tableSize() {
    return G_TABLE.length;
  }
}
