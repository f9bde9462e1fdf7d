package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;
import java.util.Arrays;

/**
 * Integrated loudness per ITU-R BS.1770-4 / EBU R128, in LUFS.
 *
 * <p>Each channel is K-weighted ({@link KWeightingFilter}); mean squares are taken over 400 ms
 * blocks that start every 100 ms (75 % overlap), summed over channels with the weights of
 * {@link #channelWeights(int)}; blocks below the absolute gate of -70 LUFS are dropped, then those
 * more than 10 LU below the loudness of the remaining ones. The result is the loudness of the mean
 * power of the blocks that are left.
 *
 * <p>A 100 ms step is {@code round(rate / 10)} samples and a block four steps, as in libebur128
 * (and ffmpeg's ebur128 filter for any rate that is a multiple of 10 Hz); a trailing part shorter
 * than a step is not measured. Nothing is copied: channels are filtered in place, one at a time.
 */
public final class LoudnessMeter {
  // BS.1770-4: loudness = -0.691 + 10 log10(sum of weighted mean squares)
  private static final double LOUDNESS_OFFSET_DB = -0.691;
  // BS.1770-4: absolute gate (LKFS)
  static final double ABSOLUTE_GATE_LUFS = -70.0;
  // BS.1770-4: relative gate, below the ungated loudness of the blocks above the absolute gate
  static final double RELATIVE_GATE_LU = -10.0;
  // BS.1770-4: weight of the surround channels (Ls, Rs)
  private static final double SURROUND_WEIGHT = 1.41;
  private static final int STEPS_PER_BLOCK = 4;

  private LoudnessMeter() {}

  /**
   * Integrated loudness in LUFS; null when it cannot be measured: shorter than one 400 ms block,
   * or every block gated out (silence, or quieter than -70 LUFS).
   */
  public static Double integratedLufs(AudioClip clip) {
    double[] blocks = blockPowers(clip);
    double absoluteGate = power(ABSOLUTE_GATE_LUFS);
    double sum = 0;
    int count = 0;
    for (double p : blocks) {
      if (p >= absoluteGate) {
        sum += p;
        count++;
      }
    }
    if (count == 0) {
      return null;
    }
    double relativeGate = power(loudness(sum / count) + RELATIVE_GATE_LU);
    double keptSum = 0;
    int kept = 0;
    for (double p : blocks) {
      if (p >= absoluteGate && p >= relativeGate) {
        keptSum += p;
        kept++;
      }
    }
    return kept == 0 ? null : loudness(keptSum / kept);
  }

  /**
   * The weighted power (sum over channels of weight times K-weighted mean square) of every complete
   * 400 ms block, in time order; its loudness is {@code -0.691 + 10 log10(power)}.
   */
  public static double[] blockPowers(AudioClip clip) {
    int step = stepSamples(clip.sampleRate());
    int steps = clip.frames() / step;
    double[] stepEnergy = new double[steps];
    double[] weights = channelWeights(clip.channelCount());
    for (int c = 0; c < clip.channelCount(); c++) {
      if (weights[c] == 0) {
        continue;
      }
      float[] samples = new float[step];
      KWeightingFilter filter = new KWeightingFilter(clip.sampleRate());
      for (int s = 0; s < steps; s++) {
        clip.read(c, s * step, samples, 0, step);
        stepEnergy[s] += weights[c] * filter.sumOfSquares(samples, 0, step);
      }
    }
    int blocks = Math.max(0, steps - STEPS_PER_BLOCK + 1);
    double[] powers = new double[blocks];
    double blockSamples = (double) step * STEPS_PER_BLOCK;
    for (int b = 0; b < blocks; b++) {
      double energy = 0;
      for (int s = b; s < b + STEPS_PER_BLOCK; s++) {
        energy += stepEnergy[s];
      }
      powers[b] = energy / blockSamples;
    }
    return powers;
  }

  /**
   * The BS.1770-4 weight of each channel, for the channel orders of FLAC and ffmpeg's default
   * layouts (this clip carries no layout): 1-3 channels L R C, all 1.0; 4: L R Ls Rs; 5: L R C Ls Rs;
   * 6: 5.1 (L R C LFE Ls Rs); 7: 6.1 (L R C LFE Cs Ls Rs); 8: 7.1 (L R C LFE and four surrounds).
   * Surrounds weigh 1.41, the LFE 0 (excluded, as libebur128 and ffmpeg do); any channel past the
   * eighth 1.0.
   */
  public static double[] channelWeights(int channelCount) {
    double[] weights = new double[channelCount];
    Arrays.fill(weights, 1.0);
    if (channelCount == 4) {
      weights[2] = SURROUND_WEIGHT;
      weights[3] = SURROUND_WEIGHT;
    } else if (channelCount == 5) {
      weights[3] = SURROUND_WEIGHT;
      weights[4] = SURROUND_WEIGHT;
    } else if (channelCount >= 6) {
      weights[3] = 0.0;
      for (int c = 4; c < Math.min(channelCount, 8); c++) {
        weights[c] = SURROUND_WEIGHT;
      }
    }
    return weights;
  }

  /** Samples in one 100 ms step, rounded as libebur128 does. */
  static int stepSamples(int sampleRate) {
    return Math.max(1, (sampleRate + 5) / 10);
  }

  /** Loudness (LUFS) of a weighted power. */
  public static double loudness(double power) {
    return LOUDNESS_OFFSET_DB + 10.0 * Math.log10(power);
  }

  /** The weighted power of a loudness (LUFS). */
  static double power(double lufs) {
    return Math.pow(10.0, (lufs - LOUDNESS_OFFSET_DB) / 10.0);
  }
}
