package dev.voicegen.audio.features;

import dev.voicegen.audio.AudioClip;

/**
 * MFCCs exactly as librosa 0.10's {@code librosa.feature.mfcc(y=y, sr=22050)} with its defaults:
 * |STFT|² (n_fft 2048, hop 512, periodic Hann, centred with zero padding), 128 Slaney-scale
 * area-normalised mel bands from 0 to sr/2, power_to_db(ref 1, amin 1e-10, top_db 80 over the whole
 * clip), orthonormal DCT-II over the bands, first nMfcc coefficients. Immutable and thread-safe.
 */
public final class Mfcc {
  /** librosa.load's default rate; other clips are resampled to it first. */
  public static final int SAMPLE_RATE = 22050;
  /** librosa.feature.mfcc default n_mfcc. */
  public static final int DEFAULT_COEFFICIENTS = 20;

  private static final int N_FFT = 2048; // librosa.stft default
  private static final int HOP = 512; // librosa default hop_length = n_fft // 4
  private static final int N_MELS = 128; // librosa.feature.melspectrogram default
  private static final double AMIN = 1e-10; // librosa.power_to_db default amin
  private static final double TOP_DB = 80.0; // librosa.power_to_db default top_db

  private final int coefficients;
  private final Stft stft;
  private final MelFilterBank bank;
  private final double[][] dct;

  /** 20 coefficients, librosa's default. */
  public Mfcc() {
    this(DEFAULT_COEFFICIENTS);
  }

  /** @param coefficients n_mfcc, 1 to 128 */
  public Mfcc(int coefficients) {
    if (coefficients < 1 || coefficients > N_MELS) {
      throw new IllegalArgumentException("n_mfcc must be 1 to " + N_MELS + ": " + coefficients);
    }
    this.coefficients = coefficients;
    this.stft = new Stft(N_FFT, HOP, WindowFunction.HANN.periodic(N_FFT), Stft.Padding.ZERO);
    this.bank = MelFilterBank.librosa(SAMPLE_RATE, N_FFT, N_MELS, 0.0, SAMPLE_RATE / 2.0,
        MelFilterBank.MelScale.SLANEY, MelFilterBank.Norm.SLANEY);
    this.dct = orthonormalDct(coefficients, N_MELS);
  }

  public int coefficients() {
    return coefficients;
  }

  /** The MFCCs of the clip's channel average at 22050 Hz: [coefficient][frame]. */
  public float[][] compute(AudioClip clip) {
    return compute(MonoSignal.at(clip, SAMPLE_RATE));
  }

  /** The MFCCs of mono samples already at 22050 Hz: [coefficient][frame], 1 + n/512 frames. */
  public float[][] compute(float[] samples) {
    MonoSignal.requireSamples(samples);
    int frames = stft.frameCount(samples.length);
    double[][] db = new double[frames][N_MELS];
    stft.forEachPowerFrame(samples, (f, power) -> bank.apply(power, db[f]));

    // power_to_db: 10·log10(max(amin, S)) - 10·log10(max(amin, ref = 1)), then the top_db floor
    double max = Double.NEGATIVE_INFINITY;
    for (double[] frame : db) {
      for (int m = 0; m < N_MELS; m++) {
        frame[m] = 10.0 * Math.log10(Math.max(AMIN, frame[m]));
        max = Math.max(max, frame[m]);
      }
    }
    double floor = max - TOP_DB;

    float[][] out = new float[coefficients][frames];
    for (int f = 0; f < frames; f++) {
      double[] frame = db[f];
      for (int m = 0; m < N_MELS; m++) {
        frame[m] = Math.max(frame[m], floor);
      }
      for (int c = 0; c < coefficients; c++) {
        double[] basis = dct[c];
        double s = 0;
        for (int m = 0; m < N_MELS; m++) {
          s += basis[m] * frame[m];
        }
        out[c][f] = (float) s;
      }
    }
    return out;
  }

  /** Rows of scipy.fft.dct(type=2, norm="ortho"): sqrt(1/N) for k = 0, sqrt(2/N) otherwise. */
  private static double[][] orthonormalDct(int rows, int n) {
    double[][] basis = new double[rows][n];
    for (int k = 0; k < rows; k++) {
      double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / n);
      for (int i = 0; i < n; i++) {
        basis[k][i] = scale * Math.cos(Math.PI * k * (2 * i + 1) / (2.0 * n));
      }
    }
    return basis;
  }
}
