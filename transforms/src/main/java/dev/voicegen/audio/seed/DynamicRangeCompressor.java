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
    // dB over the threshold depends only on the integer RMS: a table shared by every call
    double[] overDb = overDbTable(threshRms);
    // the gain factors of the attenuation last applied: it often holds for many frames
    double factorOf = Double.NaN;
    double fast = 1;
    double strict = Double.NaN;
    // the RMS of each frame's window comes first, a block at a time: that loop does not depend on
    // the attenuation and pipelines well; the gain loop then reads it
    int[] rmsBlock = new int[Math.min(frames, RMS_BLOCK)];
    // T = the largest integer RMS at or under the threshold
    long quietRms = (long) Math.floor(threshRms) + 1;
    long quietBound = quietRms * quietRms - 1;
    for (int blockStart = 0; blockStart < frames; blockStart += RMS_BLOCK) {
      int blockEnd = Math.min(frames, blockStart + RMS_BLOCK);
      for (int i = blockStart; i < blockEnd; i++) {
        // window = get_sample_slice(i - look, i): frames [max(0, i - look), i)
        if (i > 0) {
          sumSquares += squares(in, i - 1, ch);
        }
        int dropped = i - lookFrames - 1;
        if (dropped >= 0) {
          sumSquares -= squares(in, dropped, ch);
        }
        long count = (long) Math.min(i, lookFrames) * ch;
        // a mean square at least a whole unit below (T + 1)^2 has an integer RMS of at most T, at or
        // under the threshold: 0 stands for it (the gain step treats both alike; no division or root)
        rmsBlock[i - blockStart] =
            sumSquares <= quietBound * count ? 0 : PcmSegment.rmsOf(sumSquares, count);
      }
      for (int i = blockStart; i < blockEnd; i++) {
        int rmsNow = rmsBlock[i - blockStart];
        double over = overDb[rmsNow];
        // at or below the threshold (over 0) the attenuation holds: max(att - 0, 0), min(0 + 0, 0)
        if (over != 0.0) {
          double maxAttenuation = keep * over;
          double inc = maxAttenuation / attackFrames;
          double dec = maxAttenuation / releaseFrames;
          // both steps, then a select: the choice flips with the level and mispredicts as a branch
          double up = Math.min(attenuation + inc, maxAttenuation);
          double down = Math.max(attenuation - dec, 0);
          attenuation = (rmsNow > threshRms) & (attenuation <= maxAttenuation) ? up : down;
        }
        if (attenuation == 0.0) {
          continue;
        }
        if (attenuation != factorOf) {
          // the fast factor is within a few ulps of pydub's pow, so a product differs from the
          // exact one by < 1e-10, which changes floor() only next to an integer: there, StrictMath
          fast = attenuationFactor(attenuation);
          strict = Double.NaN;
          factorOf = attenuation;
        }
        for (int c = 0; c < ch; c++) {
          short sample = in[i * ch + c];
          if (sample == 0) {
            continue; // audioop.mul maps 0 to 0 whatever the factor; out already holds it
          }
          double v = sample * fast;
          double floor = Math.floor(v);
          double frac = v - floor;
          if (frac < 1e-9 || frac > 1 - 1e-9) {
            if (Double.isNaN(strict)) {
              strict = PcmSegment.dbToFloat(-attenuation);
            }
            out[i * ch + c] = PcmSegment.mulSample(sample, strict);
          } else {
            // audioop.mul's clamp never bites: the factor is at most 1, and in (-32768, -32767)
            // clamping to -32768 and flooring agree
            out[i * ch + c] = (short) floor;
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

  /** Frames whose window RMS is computed ahead of the gain loop. */
  private static final int RMS_BLOCK = 4096;

  // 10^(-dB/20) = exp(-dB * ln(10) / 20)
  private static final double NEPERS_PER_DB = Math.log(10) / 20;
  private static final int TABLE_STEPS_PER_NEPER = 256;
  /** exp(-k / 256) for attenuations up to 60 dB (the seed's reach about 20 dB). */
  private static final double[] EXP_TABLE = expTable(60 * NEPERS_PER_DB);

  private static double[] expTable(double maxNepers) {
    double[] t = new double[(int) Math.ceil(maxNepers * TABLE_STEPS_PER_NEPER) + 1];
    for (int k = 0; k < t.length; k++) {
      t[k] = Math.exp(-(double) k / TABLE_STEPS_PER_NEPER);
    }
    return t;
  }

  /**
   * 10^(-attenuation/20) to within a few ulps, several times faster than Math.pow: a table of
   * exp(-k/256) times a degree-5 Taylor polynomial of exp(-r), |r| <= 1/512 (remainder < 1e-19).
   */
  static double attenuationFactor(double attenuationDb) {
    double y = attenuationDb * NEPERS_PER_DB;
    double steps = Math.rint(y * TABLE_STEPS_PER_NEPER);
    if (!(steps >= 0 && steps < EXP_TABLE.length)) {
      return Math.pow(10, -attenuationDb / 20);
    }
    double r = y - steps / TABLE_STEPS_PER_NEPER;
    double poly = 1 - r * (1 - r * (1.0 / 2 - r * (1.0 / 6 - r * (1.0 / 24 - r * (1.0 / 120)))));
    return EXP_TABLE[(int) steps] * poly;
  }

  /** The last table built: every seed step uses the same threshold, so one entry is enough. */
  private static volatile OverDbTable lastTable;

  private record OverDbTable(double threshRms, double[] overDb) {}

  /** dB over the threshold for every integer RMS 0..32768 (0 at or below the threshold). */
  private static double[] overDbTable(double threshRms) {
    OverDbTable t = lastTable;
    if (t != null && t.threshRms() == threshRms) {
      return t.overDb();
    }
    double[] table = new double[PcmSegment.FULL_SCALE_INT + 1];
    for (int rms = 0; rms < table.length; rms++) {
      table[rms] = dbOverThreshold(rms, threshRms);
    }
    lastTable = new OverDbTable(threshRms, table);
    return table;
  }

  private static double dbOverThreshold(int rms, double threshRms) {
    if (rms == 0) {
      return 0.0;
    }
    return Math.max(PcmSegment.ratioToDb(rms / threshRms), 0);
  }
}
