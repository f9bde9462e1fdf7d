package dev.voicegen.audio.dsp;

import dev.voicegen.audio.AudioClip;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bandlimited sample-rate conversion for any pair of integer rates: a polyphase Kaiser-windowed sinc
 * whose cutoff follows the lower of the two Nyquist frequencies. Flat within 0.1 dB up to 0.9 of the
 * lower Nyquist, at least 90 dB down from the lower Nyquist on (so nothing aliases or images).
 *
 * <p>Output sample k lies at input time k·in/out (the first samples line up, as in
 * scipy.signal.resample_poly), the signal is taken as zero outside the clip, and the output has
 * round(n·out/in) samples. Filter tables are designed once per rate pair and shared.
 */
public final class Resampler {
  private static final Map<Long, PolyphaseFilter> FILTERS = new ConcurrentHashMap<>();

  private Resampler() {}

  /** Every channel at {@code outRate}; the clip itself when it is already there. */
  public static AudioClip resample(AudioClip clip, int outRate) {
    if (clip.sampleRate() == outRate) {
      return clip;
    }
    PolyphaseFilter filter = filter(clip.sampleRate(), outRate);
    float[][] channels = new float[clip.channelCount()][];
    for (int c = 0; c < channels.length; c++) {
      channels[c] = filter.apply(clip.channel(c));
    }
    return new AudioClip(outRate, channels);
  }

  /** One channel from {@code inRate} to {@code outRate}; a copy when the rates are equal. */
  public static float[] resample(float[] samples, int inRate, int outRate) {
    if (inRate == outRate) {
      checkRate(inRate);
      return samples.clone();
    }
    return filter(inRate, outRate).apply(samples);
  }

  /** The number of samples {@link #resample} returns: round(n·out/in), halves rounded up. */
  public static long outputLength(long inputLength, int inRate, int outRate) {
    checkRate(inRate);
    checkRate(outRate);
    int g = PolyphaseFilter.gcd(inRate, outRate);
    long up = outRate / g;
    long down = inRate / g;
    return (2 * inputLength * up + down) / (2 * down);
  }

  private static PolyphaseFilter filter(int inRate, int outRate) {
    checkRate(inRate);
    checkRate(outRate);
    return FILTERS.computeIfAbsent(((long) inRate << 32) | outRate,
        key -> new PolyphaseFilter(inRate, outRate));
  }

  private static void checkRate(int rate) {
    if (rate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + rate);
    }
  }
}
