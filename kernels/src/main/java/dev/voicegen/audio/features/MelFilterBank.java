package dev.voicegen.audio.features;

import java.util.Arrays;

/**
 * Triangular mel filters over the bins of a power spectrum, as librosa.filters.mel and
 * torchaudio.functional.melscale_fbanks build them: nMels + 2 points equally spaced on the mel
 * scale between fMin and fMax, one triangle per interior point, optionally area-normalised. Stored
 * sparsely (each band's non-zero run); immutable.
 */
public final class MelFilterBank {
  /** The Hz-to-mel mapping. */
  public enum MelScale {
    /** O'Shaughnessy / HTK: 2595·log10(1 + f/700). torchaudio's default. */
    HTK {
      @Override
      public double hzToMel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
      }

      @Override
      public double melToHz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
      }
    },
    /** Slaney's Auditory Toolbox: linear below 1 kHz, logarithmic above. librosa's default. */
    SLANEY {
      @Override
      public double hzToMel(double hz) {
        if (hz >= SLANEY_BREAK_HZ) {
          return SLANEY_BREAK_MEL + Math.log(hz / SLANEY_BREAK_HZ) / SLANEY_LOG_STEP;
        }
        return hz / SLANEY_HZ_PER_MEL;
      }

      @Override
      public double melToHz(double mel) {
        if (mel >= SLANEY_BREAK_MEL) {
          return SLANEY_BREAK_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_BREAK_MEL));
        }
        return mel * SLANEY_HZ_PER_MEL;
      }
    };

    public abstract double hzToMel(double hz);

    public abstract double melToHz(double mel);
  }

  /** Band weighting. */
  public enum Norm {
    /** Peak 1 for every triangle. */
    NONE,
    /** Each triangle divided by half its width in Hz, so bands hold equal area ("slaney"). */
    SLANEY
  }

  // librosa.core.convert.hz_to_mel (htk=False): 200/3 Hz per mel up to 1 kHz, then log steps
  private static final double SLANEY_HZ_PER_MEL = 200.0 / 3;
  private static final double SLANEY_BREAK_HZ = 1000.0;
  private static final double SLANEY_BREAK_MEL = SLANEY_BREAK_HZ / SLANEY_HZ_PER_MEL;
  private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27.0;

  private final int bins;
  private final int[] firstBin;
  private final double[][] weights;

  private MelFilterBank(int bins, int[] firstBin, double[][] weights) {
    this.bins = bins;
    this.firstBin = firstBin;
    this.weights = weights;
  }

  /** librosa.filters.mel: bin k at k·sampleRate/nFft Hz. */
  public static MelFilterBank librosa(
      double sampleRate, int nFft, int nMels, double fMin, double fMax, MelScale scale, Norm norm) {
    int bins = nFft / 2 + 1;
    double[] freqs = new double[bins];
    for (int k = 0; k < bins; k++) {
      freqs[k] = k * sampleRate / nFft;
    }
    return build(freqs, nMels, fMin, fMax, scale, norm);
  }

  /** torchaudio melscale_fbanks: bins spread evenly from 0 to sampleRate // 2 (integer division). */
  public static MelFilterBank torchaudio(
      int sampleRate, int nFft, int nMels, double fMin, double fMax, MelScale scale, Norm norm) {
    int bins = nFft / 2 + 1;
    double[] freqs = new double[bins];
    double top = sampleRate / 2; // integer division, as torchaudio's sample_rate // 2
    for (int k = 0; k < bins; k++) {
      freqs[k] = top * k / (bins - 1);
    }
    return build(freqs, nMels, fMin, fMax, scale, norm);
  }

  private static MelFilterBank build(
      double[] freqs, int nMels, double fMin, double fMax, MelScale scale, Norm norm) {
    if (nMels <= 0 || !(fMin >= 0) || !(fMax > fMin)) {
      throw new IllegalArgumentException(
          "bad mel bank: " + nMels + " bands, " + fMin + " to " + fMax + " Hz");
    }
    double lo = scale.hzToMel(fMin);
    double hi = scale.hzToMel(fMax);
    double[] edges = new double[nMels + 2];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = scale.melToHz(lo + (hi - lo) * i / (edges.length - 1));
    }
    int[] first = new int[nMels];
    double[][] weights = new double[nMels][];
    for (int m = 0; m < nMels; m++) {
      double left = edges[m];
      double centre = edges[m + 1];
      double right = edges[m + 2];
      double gain = norm == Norm.SLANEY ? 2.0 / (right - left) : 1.0;
      double[] row = new double[freqs.length];
      int from = -1;
      int to = -1;
      for (int k = 0; k < freqs.length; k++) {
        double rising = (freqs[k] - left) / (centre - left);
        double falling = (right - freqs[k]) / (right - centre);
        double w = Math.max(0.0, Math.min(rising, falling));
        if (w > 0) {
          row[k] = w * gain;
          if (from < 0) {
            from = k;
          }
          to = k + 1;
        }
      }
      // a band too narrow to hold a bin stays empty, as in the references (they only warn)
      first[m] = Math.max(from, 0);
      weights[m] = from < 0 ? new double[0] : Arrays.copyOfRange(row, from, to);
    }
    return new MelFilterBank(freqs.length, first, weights);
  }

  public int bands() {
    return weights.length;
  }

  /** Spectrum bins the bank expects: nFft / 2 + 1. */
  public int bins() {
    return bins;
  }

  /** The weight of spectrum bin {@code bin} in band {@code band}. */
  public double weight(int band, int bin) {
    int i = bin - firstBin[band];
    return i >= 0 && i < weights[band].length ? weights[band][i] : 0.0;
  }

  /** mel[m] = Σ_k weight(m, k)·power[k] for every band. */
  public void apply(double[] power, double[] mel) {
    if (power.length != bins || mel.length < weights.length) {
      throw new IllegalArgumentException(
          "spectrum of " + power.length + " bins for a bank of " + bins + " bins");
    }
    for (int m = 0; m < weights.length; m++) {
      double[] w = weights[m];
      int k0 = firstBin[m];
      double s = 0;
      for (int i = 0; i < w.length; i++) {
        s += w[i] * power[k0 + i];
      }
      mel[m] = s;
    }
  }
}
