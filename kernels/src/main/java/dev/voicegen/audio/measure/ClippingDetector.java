package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;
import java.util.BitSet;

/**
 * Clipping as flat runs at the clip's own extreme.
 *
 * <p>The rule (specs/voice-samples.md, "Measurement-grade analysis"): the extreme {@code E} is the
 * largest |sample| over all channels; a sample is near-extreme when {@code |x| >= 0.995 E}. A run is a
 * maximal stretch of consecutive near-extreme samples of one sign in one channel, and it counts as
 * clipping when it is at least {@link #minimumRun(int)} samples long: 3 samples, or 0.1 ms where that
 * is more. Measuring against the clip's own extreme, not full scale, also finds audio that was
 * clipped and then attenuated.
 *
 * <p>The minimum keeps single peaks out: a smooth maximum of a tone at {@code f} Hz stays within
 * 0.5 % of its top for about {@code 0.032 / f} s, so at most a few samples for speech formants, while
 * hard clipping flattens whole half-cycles. A steady pure tone still shows up (about 6 % of its
 * samples are near its extreme), as does speech that is clipped; speech that is not reads well
 * under 0.1 %.
 */
public final class ClippingDetector {
  // specs/voice-samples.md: "at or within 0.995 of the clip's extreme"
  public static final double NEAR_EXTREME_FRACTION = 0.995;
  // shortest counted run: 3 samples (Audacity's "Find Clipping" default start threshold)...
  private static final int MIN_RUN_SAMPLES = 3;
  // ...or 0.1 ms (a ten-thousandth of a second) at high rates, so 48 and 96 kHz read alike in time
  private static final int MIN_RUN_PER_SECOND = 10_000;

  /** Frames read at a time: a long clip is never copied whole. */
  private static final int BLOCK = 1 << 14;

  private ClippingDetector() {}

  public static ClippingReport detect(AudioClip clip) {
    int frames = clip.frames();
    int channels = clip.channelCount();
    double extreme = 0;
    float[] block = new float[Math.max(1, Math.min(frames, BLOCK))];
    for (int c = 0; c < channels; c++) {
      for (int from = 0; from < frames; from += BLOCK) {
        int n = Math.min(BLOCK, frames - from);
        clip.read(c, from, block, 0, n);
        for (int i = 0; i < n; i++) {
          extreme = Math.max(extreme, Math.abs(block[i]));
        }
      }
    }
    if (extreme == 0 || frames == 0) {
      return new ClippingReport(extreme, 0, 0, 0.0, 0.0);
    }
    double threshold = NEAR_EXTREME_FRACTION * extreme;
    int minRun = minimumRun(clip.sampleRate());
    BitSet clippedFrames = channels > 1 ? new BitSet() : null;
    long clipped = 0;
    int runs = 0;
    for (int c = 0; c < channels; c++) {
      int runStart = -1;
      int runSign = 0;
      for (int i = 0; i <= frames; i++) {
        if (i < frames && i % BLOCK == 0) {
          clip.read(c, i, block, 0, Math.min(BLOCK, frames - i));
        }
        int sign = i == frames ? 0 : nearExtremeSign(block[i % BLOCK], threshold);
        if (sign == runSign) {
          continue;
        }
        // the current run (if any) ends at i
        if (runSign != 0 && i - runStart >= minRun) {
          clipped += i - runStart;
          runs++;
          if (clippedFrames != null) {
            clippedFrames.set(runStart, i);
          }
        }
        runStart = i;
        runSign = sign;
      }
    }
    long clippedFrameCount = clippedFrames != null ? clippedFrames.cardinality() : clipped;
    return new ClippingReport(
        extreme,
        clipped,
        runs,
        clipped / ((double) frames * channels),
        clippedFrameCount / (double) clip.sampleRate());
  }

  /** The shortest run counted as clipping at this sample rate. */
  public static int minimumRun(int sampleRate) {
    int tenthOfMillisecond = (sampleRate + MIN_RUN_PER_SECOND - 1) / MIN_RUN_PER_SECOND;
    return Math.max(MIN_RUN_SAMPLES, tenthOfMillisecond);
  }

  /** +1 or -1 for a near-extreme sample of that sign, 0 otherwise. */
  private static int nearExtremeSign(float x, double threshold) {
    if (x >= threshold) {
      return 1;
    }
    return x <= -threshold ? -1 : 0;
  }
}
