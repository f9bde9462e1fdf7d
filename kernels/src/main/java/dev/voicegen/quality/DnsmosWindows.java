package dev.voicegen.quality;

/**
 * How {@code dnsmos_local.py} cuts a 16 kHz clip into the windows it scores: a clip shorter than one
 * window is appended to itself until it is long enough (doubling, so a 3 s clip becomes 12 s), then
 * windows of 9.01 s start every second, {@code int(floor(n / fs) - 9.01) + 1} of them, and a window
 * whose slice comes out shorter than 144160 samples is skipped.
 *
 * <p>The last rule matters: the script computes a window's end as {@code int((i + 9.01) * 16000)}
 * in floating point, which for i >= 7 truncates to one sample short, so the reference scores at
 * most the first seven windows (about 16 s) of any clip. This class does the same, so that its
 * averages are the reference's.
 */
public final class DnsmosWindows {
  /** dnsmos_local.py SAMPLING_RATE. */
  public static final int RATE = 16_000;
  /** dnsmos_local.py INPUT_LENGTH, in seconds. */
  static final double LENGTH_S = 9.01;
  /** int(INPUT_LENGTH * fs): the samples sig_bak_ovr.onnx takes. */
  public static final int WINDOW = (int) (LENGTH_S * RATE);
  /** The hop between windows: one second (hop_len_samples = fs). */
  static final int HOP = RATE;

  private final float[] signal;
  private final int hops;

  private DnsmosWindows(float[] signal, int hops) {
    this.signal = signal;
    this.hops = hops;
  }

  /** The windows of a 16 kHz mono signal; the array is read, not copied, when it is long enough. */
  public static DnsmosWindows of(float[] samples16k) {
    if (samples16k.length == 0) {
      throw new IllegalArgumentException("no audio samples");
    }
    float[] s = samples16k;
    while (s.length < WINDOW) {
      float[] twice = new float[2 * s.length];
      System.arraycopy(s, 0, twice, 0, s.length);
      System.arraycopy(s, 0, twice, s.length, s.length);
      s = twice;
    }
    // Java's (int) truncates toward zero as Python's int() does
    int hops = (int) (Math.floor((double) s.length / RATE) - LENGTH_S) + 1;
    return new DnsmosWindows(s, hops);
  }

  /** The signal the windows are cut from (the clip after repetition). */
  float[] signal() {
    return signal;
  }

  /** num_hops of the reference: the windows it tries. */
  public int hops() {
    return hops;
  }

  /** Start sample of window {@code i}. */
  static int start(int i) {
    return i * HOP;
  }

  /** Whether window {@code i} is scored: its slice, clamped to the signal, is a whole window. */
  boolean scored(int i) {
    int end = Math.min(signal.length, (int) ((i + LENGTH_S) * HOP));
    return end - start(i) >= WINDOW;
  }

  /** The number of windows scored. */
  public int scoredCount() {
    int n = 0;
    for (int i = 0; i < hops; i++) {
      if (scored(i)) {
        n++;
      }
    }
    return n;
  }
}
