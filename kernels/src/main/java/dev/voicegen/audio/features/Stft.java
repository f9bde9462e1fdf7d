package dev.voicegen.audio.features;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Short-time power spectra |X|² of one channel, framed as librosa.stft and torch.stft frame it.
 *
 * <p>A window shorter than the FFT is zero-padded and centred in the frame ((nFft - length) / 2
 * zeros before it, as torch.stft does). With centre padding the signal gets nFft / 2 samples on each
 * side, so frame f is centred on sample f·hop and there are 1 + n / hop frames. Instances are
 * immutable and thread-safe (each call plans its own FFT).
 */
public final class Stft {
  /** How the signal is extended before framing. */
  public enum Padding {
    /** No extension: frames start at sample 0 and stop before running off the end. */
    NONE,
    /** Centred frames, zeros outside the signal (librosa 0.10's default pad_mode "constant"). */
    ZERO,
    /** Centred frames, mirrored without repeating the edge sample (numpy/torch "reflect"). */
    REFLECT
  }

  /** Receives each frame's power spectrum; the array is reused for the next frame. */
  @FunctionalInterface
  public interface FrameSink {
    void accept(int frame, double[] power);
  }

  private final int nFft;
  private final int hop;
  private final double[] window;
  private final int windowStart;
  private final int windowEnd;
  private final Padding padding;

  /**
   * @param nFft FFT size, even
   * @param hop samples between frame starts
   * @param window the analysis window, at most nFft points; copied
   */
  public Stft(int nFft, int hop, double[] window, Padding padding) {
    if (nFft <= 0 || nFft % 2 != 0) {
      throw new IllegalArgumentException("FFT size must be positive and even: " + nFft);
    }
    if (hop <= 0) {
      throw new IllegalArgumentException("hop must be positive: " + hop);
    }
    if (window.length == 0 || window.length > nFft) {
      throw new IllegalArgumentException("window of " + window.length + " points for FFT " + nFft);
    }
    this.nFft = nFft;
    this.hop = hop;
    this.padding = padding;
    this.windowStart = (nFft - window.length) / 2;
    this.windowEnd = windowStart + window.length;
    this.window = new double[nFft];
    System.arraycopy(window, 0, this.window, windowStart, window.length);
  }

  public int nFft() {
    return nFft;
  }

  public int hop() {
    return hop;
  }

  /** Frequency bins per frame: nFft / 2 + 1. */
  public int bins() {
    return nFft / 2 + 1;
  }

  /** Frames produced for a signal of {@code samples} samples. */
  public int frameCount(int samples) {
    if (padding == Padding.NONE) {
      return samples < nFft ? 0 : 1 + (samples - nFft) / hop;
    }
    return 1 + samples / hop;
  }

  /** The whole power spectrogram, [frame][bin]. */
  public double[][] power(float[] signal) {
    double[][] out = new double[frameCount(signal.length)][];
    forEachPowerFrame(signal, (f, p) -> out[f] = p.clone());
    return out;
  }

  /** Streams the power spectrum of every frame, in order, to {@code sink}. */
  public void forEachPowerFrame(float[] signal, FrameSink sink) {
    if (padding == Padding.REFLECT && signal.length == 0) {
      throw new IllegalArgumentException("cannot reflect-pad an empty signal");
    }
    int frames = frameCount(signal.length);
    int shift = padding == Padding.NONE ? 0 : nFft / 2;
    DoubleFFT_1D fft = new DoubleFFT_1D(nFft);
    double[] buf = new double[nFft];
    double[] power = new double[bins()];
    int half = nFft / 2;
    for (int f = 0; f < frames; f++) {
      int start = f * hop - shift;
      fill(signal, start, buf);
      fft.realForward(buf);
      // JTransforms packs Re[0] and Re[n/2] into a[0], a[1]; then Re/Im pairs
      power[0] = buf[0] * buf[0];
      power[half] = buf[1] * buf[1];
      for (int k = 1; k < half; k++) {
        double re = buf[2 * k];
        double im = buf[2 * k + 1];
        power[k] = re * re + im * im;
      }
      sink.accept(f, power);
    }
  }

  /** The windowed frame whose first point is signal index {@code start}. */
  private void fill(float[] x, int start, double[] buf) {
    Arrays.fill(buf, 0, windowStart, 0);
    Arrays.fill(buf, windowEnd, nFft, 0);
    int n = x.length;
    if (start + windowStart >= 0 && start + windowEnd <= n) {
      for (int t = windowStart; t < windowEnd; t++) {
        buf[t] = x[start + t] * window[t];
      }
      return;
    }
    for (int t = windowStart; t < windowEnd; t++) {
      buf[t] = sample(x, start + t) * window[t];
    }
  }

  private double sample(float[] x, int i) {
    if (i >= 0 && i < x.length) {
      return x[i];
    }
    if (padding == Padding.REFLECT) {
      return x[reflect(i, x.length)];
    }
    return 0;
  }

  /** numpy's "reflect" index: the signal mirrored about its end samples, repeated as needed. */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }
}
