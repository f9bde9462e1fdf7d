package dev.voicegen.audio.seed;

import dev.voicegen.audio.AudioClip;

/**
 * pydub's {@code compress_dynamic_range}, which works per sample frame (not per millisecond): the
 * level is audioop's integer RMS over the {@code attack} ms of input before the frame; above the
 * threshold the attenuation ramps towards (1 - 1/ratio) * dB-over by max/attack_frames per frame,
 * otherwise it falls by max/release_frames; a frame with non-zero attenuation is scaled by
 * 10^(-att/20) with audioop.mul's flooring.
 */
public final class DynamicRangeCompressor {
  private final double thresholdDbfs;
  private final double ratio;
  private final double attackMs;
  private final double releaseMs;

  /** pydub's defaults are (-20, 4, 5, 50); the seed uses ratio 3 for preprocess and 4 for optimize. */
  public DynamicRangeCompressor(double thresholdDbfs, double ratio, double attackMs, double releaseMs) {
    if (ratio < 1 || attackMs <= 0 || releaseMs <= 0) {
      throw new IllegalArgumentException("need ratio >= 1 and positive attack and release");
    }
    this.thresholdDbfs = thresholdDbfs;
    this.ratio = ratio;
    this.attackMs = attackMs;
    this.releaseMs = releaseMs;
  }

  public AudioClip apply(AudioClip clip) {
    return apply(PcmSegment.of(clip)).toClip();
  }

  PcmSegment apply(PcmSegment seg) {
    double threshRms = PcmSegment.FULL_SCALE * PcmSegment.dbToFloat(thresholdDbfs);
    int lookFrames = (int) seg.frameCount(attackMs);
    double attackFrames = seg.frameCount(attackMs);
    double releaseFrames = seg.frameCount(releaseMs);
    double keep = 1 - (1.0 / ratio);

    int ch = seg.channels;
    short[] in = seg.data;
    short[] out = in.clone();
    int frames = seg.frames();
    long sumSquares = 0;
    double attenuation = 0.0;
    // dB over the threshold depends only on the integer RMS: computed once per value seen
    double[] overDb = new double[PcmSegment.FULL_SCALE_INT + 1];
    java.util.Arrays.fill(overDb, Double.NaN);
    for (int i = 0; i < frames; i++) {
      // window = get_sample_slice(i - look, i): frames [max(0, i - look), i)
      if (i > 0) {
        sumSquares += squares(in, i - 1, ch);
      }
      int dropped = i - lookFrames - 1;
      if (dropped >= 0) {
        sumSquares -= squares(in, dropped, ch);
      }
      int windowFrames = Math.min(i, lookFrames);
      int rmsNow = PcmSegment.rmsOf(sumSquares, (long) windowFrames * ch);

      double over = overDb[rmsNow];
      if (Double.isNaN(over)) {
        over = dbOverThreshold(rmsNow, threshRms);
        overDb[rmsNow] = over;
      }
      double maxAttenuation = keep * over;
      double inc = maxAttenuation / attackFrames;
      double dec = maxAttenuation / releaseFrames;
      if (rmsNow > threshRms && attenuation <= maxAttenuation) {
        attenuation = Math.min(attenuation + inc, maxAttenuation);
      } else {
        attenuation = Math.max(attenuation - dec, 0);
      }
      if (attenuation != 0.0) {
        // Math.pow (intrinsic) is within 1 ulp of pydub's pow; the product can differ from the
        // exact one by < 1e-11, which changes floor() only next to an integer: there, use StrictMath
        double fast = Math.pow(10, -attenuation / 20);
        double strict = Double.NaN;
        for (int c = 0; c < ch; c++) {
          short sample = in[i * ch + c];
          double v = sample * fast;
          double frac = v - Math.floor(v);
          if (frac < 1e-9 || frac > 1 - 1e-9) {
            if (Double.isNaN(strict)) {
              strict = PcmSegment.dbToFloat(-attenuation);
            }
            out[i * ch + c] = PcmSegment.mulSample(sample, strict);
          } else {
            out[i * ch + c] = PcmSegment.mulSample(sample, fast);
          }
        }
      }
    }
    return seg.spawn(out);
  }

  private static long squares(short[] in, int frame, int ch) {
    long sum = 0;
    for (int c = 0; c < ch; c++) {
      int s = in[frame * ch + c];
      sum += s * s;
    }
    return sum;
  }

  private static double dbOverThreshold(int rms, double threshRms) {
    if (rms == 0) {
      return 0.0;
    }
    return Math.max(PcmSegment.ratioToDb(rms / threshRms), 0);
  }
}
