package dev.voicegen.quality;

import dev.voicegen.audio.features.MelFilterBank;
import dev.voicegen.audio.features.WindowFunction;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The input of the P.808 model (model_v8.onnx), as {@code dnsmos_local.py}'s {@code audio_melspec}
 * computes it with librosa: a window's first 144000 samples (the script drops the last 160), a
 * power spectrogram (periodic Hann of 321 points, n_fft 321, hop 160, centred frames with zero
 * padding: librosa's pad_mode "constant"), 120 Slaney mel bands with Slaney area normalisation
 * from 0 Hz to 8 kHz, then power_to_db against the window's largest band value (amin 1e-10, floor
 * 80 dB below the top) mapped by (dB + 40) / 40. Frame-major, 900 frames by 120 bands.
 *
 * <p>The FFT size is odd, which the project's {@code Stft} does not take, so the frames are
 * transformed here with a full complex FFT. Computed in double precision as librosa does on the
 * script's float64 audio. Stateless and thread-safe.
 */
final class P808Mel {
  /** dnsmos_local.py audio_melspec: frame_size 320, n_fft = frame_size + 1. */
  static final int N_FFT = 321;
  /** dnsmos_local.py audio_melspec: hop_length 160. */
  static final int HOP = 160;
  /** dnsmos_local.py audio_melspec: n_mels 120. */
  static final int BANDS = 120;
  /** audio_seg[:-160]: the samples of a window the mel sees. */
  static final int SAMPLES = DnsmosWindows.WINDOW - 160;
  /** librosa centre padding n_fft // 2 on each side: 1 + (n + 2·160 - 321) // 160 = 900 frames. */
  static final int FRAMES = 1 + (SAMPLES + 2 * (N_FFT / 2) - N_FFT) / HOP;
  /** The size of one window's features. */
  static final int SIZE = FRAMES * BANDS;
  private static final int BINS = N_FFT / 2 + 1;
  /** librosa.power_to_db defaults: amin 1e-10, top_db 80. */
  private static final double AMIN = 1e-10;
  private static final double TOP_DB = 80.0;
  /** dnsmos_local.py: (power_to_db(S, ref=np.max) + 40) / 40. */
  private static final double DB_OFFSET = 40.0;
  private static final double DB_SCALE = 40.0;

  // librosa.filters.mel(sr=16000, n_fft=321, n_mels=120): htk=False, norm="slaney", fmax = sr / 2
  private static final MelFilterBank BANK = MelFilterBank.librosa(DnsmosWindows.RATE, N_FFT, BANDS, 0.0,
      DnsmosWindows.RATE / 2.0, MelFilterBank.MelScale.SLANEY, MelFilterBank.Norm.SLANEY);
  // librosa.stft window="hann": scipy get_window with fftbins=True, the periodic form
  private static final double[] HANN = WindowFunction.HANN.periodic(N_FFT);

  private P808Mel() {}

  /**
   * Writes the features of {@code signal[from, from + SAMPLES)} to {@code out[offset, offset + SIZE)}.
   */
  static void compute(float[] signal, int from, float[] out, int offset) {
    DoubleFFT_1D fft = new DoubleFFT_1D(N_FFT);
    double[] frame = new double[2 * N_FFT];
    double[] power = new double[BINS];
    double[] mel = new double[FRAMES * BANDS];
    double[] band = new double[BANDS];
    int half = N_FFT / 2;
    double max = 0;
    for (int f = 0; f < FRAMES; f++) {
      int first = f * HOP - half; // frame f is centred on sample f·hop of the segment
      for (int t = 0; t < N_FFT; t++) {
        int i = first + t;
        frame[t] = i >= 0 && i < SAMPLES ? signal[from + i] * HANN[t] : 0.0;
      }
      fft.realForwardFull(frame);
      for (int k = 0; k < BINS; k++) {
        double re = frame[2 * k];
        double im = frame[2 * k + 1];
        power[k] = re * re + im * im;
      }
      BANK.apply(power, band);
      for (int m = 0; m < BANDS; m++) {
        mel[f * BANDS + m] = band[m];
        max = Math.max(max, band[m]);
      }
    }
    double ref = 10.0 * Math.log10(Math.max(AMIN, max));
    double top = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < mel.length; i++) {
      mel[i] = 10.0 * Math.log10(Math.max(AMIN, mel[i])) - ref;
      top = Math.max(top, mel[i]);
    }
    double floor = top - TOP_DB;
    for (int i = 0; i < mel.length; i++) {
      out[offset + i] = (float) ((Math.max(mel[i], floor) + DB_OFFSET) / DB_SCALE);
    }
  }
}
