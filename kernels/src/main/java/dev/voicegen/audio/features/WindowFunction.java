package dev.voicegen.audio.features;

/** Analysis windows, in the periodic ("fftbins") form used for spectral analysis. */
public enum WindowFunction {
  /** Hann: scipy.signal.get_window("hann", n), torch.hann_window(n). */
  HANN {
    @Override
    double at(int i, int length) {
      return 0.5 - 0.5 * Math.cos(2 * Math.PI * i / length);
    }
  },
  /** Hamming with 0.54/0.46: scipy.signal.get_window("hamming", n), torch.hamming_window(n). */
  HAMMING {
    @Override
    double at(int i, int length) {
      return 0.54 - 0.46 * Math.cos(2 * Math.PI * i / length);
    }
  };

  abstract double at(int i, int length);

  /** The periodic window of {@code length} points: the symmetric one of length + 1, last dropped. */
  public double[] periodic(int length) {
    if (length <= 0) {
      throw new IllegalArgumentException("window length must be positive: " + length);
    }
    double[] w = new double[length];
    for (int i = 0; i < length; i++) {
      w[i] = at(i, length);
    }
    return w;
  }
}
