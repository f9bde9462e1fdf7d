package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Effective bandwidth: the highest frequency at which the clip has real energy. Audio that went
 * through a telephone line or a low sample rate and was upsampled later keeps its old, narrow
 * bandwidth whatever its sample rate says.
 *
 * <p>The rule: the mean of the channels is cut into Hann-windowed frames of {@link #fftSize(int)}
 * samples (about 25 Hz resolution) with 50 % overlap, each frame's mean removed first (so a DC offset
 * does not set the reference); their power spectra are averaged and summed into bands of
 * {@value #BAND_HZ} Hz. The bandwidth is the upper edge of the highest band whose power is within
 * {@value #RANGE_DB} dB of the strongest band. Upsampling leaves the empty top of the spectrum near
 * the quantisation noise, 80 dB or more down, while full-band speech keeps its sibilants well within
 * that range.
 *
 * <p>Long clips are sampled: at most {@value #MAX_FRAMES} frames, spread evenly.
 */
public final class BandwidthEstimator {
  // on the corpus full-band speech reaches 45 dB below its strongest band, empty bands sit 90 dB down
  static final double RANGE_DB = 60.0;
  // wide enough that one stray bin (a hum harmonic, a whistle) does not decide alone
  static final int BAND_HZ = 100;
  /** Frequency resolution aimed at: the FFT size is the power of two reaching rate / 25. */
  private static final int RESOLUTION_HZ = 25;
  // about 90 s of 48 kHz audio: an average over more frames changes nothing but the run time
  static final int MAX_FRAMES = 2000;

  private BandwidthEstimator() {}

  /** The effective bandwidth in Hz; null when shorter than one frame or digitally silent. */
  public static Double effectiveBandwidthHz(AudioClip clip) {
    double[] spectrum = averagePowerSpectrum(clip);
    if (spectrum == null) {
      return null;
    }
    int size = fftSize(clip.sampleRate());
    double binHz = clip.sampleRate() / (double) size;
    int binsPerBand = Math.max(1, (int) Math.round(BAND_HZ / binHz));
    int bands = (spectrum.length + binsPerBand - 1) / binsPerBand;
    double[] bandPower = new double[bands];
    for (int k = 0; k < spectrum.length; k++) {
      bandPower[k / binsPerBand] += spectrum[k];
    }
    double strongest = 0;
    for (double p : bandPower) {
      strongest = Math.max(strongest, p);
    }
    if (strongest == 0) {
      return null;
    }
    double threshold = strongest * Math.pow(10.0, -RANGE_DB / 10.0);
    for (int b = bands - 1; b >= 0; b--) {
      if (bandPower[b] >= threshold) {
        int lastBin = Math.min(spectrum.length - 1, (b + 1) * binsPerBand - 1);
        return Math.min(clip.sampleRate() / 2.0, (lastBin + 0.5) * binHz);
      }
    }
    return null;
  }

  /**
   * The mean power spectrum, bins 0 .. size/2 of {@link #fftSize(int)}; null when the clip is
   * shorter than one frame.
   */
  static double[] averagePowerSpectrum(AudioClip clip) {
    int size = fftSize(clip.sampleRate());
    int frames = clip.frames();
    if (frames < size) {
      return null;
    }
    int available = (frames - size) / (size / 2) + 1;
    int count = Math.min(available, MAX_FRAMES);
    // frame starts spread evenly from the first to the last possible one
    double spacing = count > 1 ? (frames - size) / (double) (count - 1) : 0;
    double[] window = hann(size);
    double[] buffer = new double[size];
    double[] spectrum = new double[size / 2 + 1];
    DoubleFFT_1D fft = new DoubleFFT_1D(size);
    for (int f = 0; f < count; f++) {
      int start = (int) Math.round(f * spacing);
      MonoMix.read(clip, start, buffer, size);
      double mean = 0;
      for (double v : buffer) {
        mean += v;
      }
      mean /= size;
      for (int i = 0; i < size; i++) {
        buffer[i] = (buffer[i] - mean) * window[i];
      }
      fft.realForward(buffer);
      // realForward packs Re[0], Re[n/2], then Re/Im pairs of bins 1 .. n/2-1
      spectrum[0] += buffer[0] * buffer[0];
      spectrum[size / 2] += buffer[1] * buffer[1];
      for (int k = 1; k < size / 2; k++) {
        double re = buffer[2 * k];
        double im = buffer[2 * k + 1];
        spectrum[k] += re * re + im * im;
      }
    }
    for (int k = 0; k < spectrum.length; k++) {
      spectrum[k] /= count;
    }
    return spectrum;
  }

  /** The smallest power of two of at least {@code sampleRate / 25} samples (256 at least). */
  public static int fftSize(int sampleRate) {
    int size = 256;
    while (size < sampleRate / RESOLUTION_HZ) {
      size *= 2;
    }
    return size;
  }

  private static double[] hann(int size) {
    double[] w = new double[size];
    for (int i = 0; i < size; i++) {
      w[i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / size);
    }
    return w;
  }
}
