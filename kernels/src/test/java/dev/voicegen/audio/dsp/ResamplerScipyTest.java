package dev.voicegen.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.features.FeatureClips;
import dev.voicegen.audio.features.NpzArchive;
import org.junit.jupiter.api.Test;

/**
 * The resampler against scipy.signal.resample_poly on a speech clip, 22050 -> 16000
 * (features/goldens/resample_fox_22050_16000.npz, from make_goldens.py).
 */
class ResamplerScipyTest {
  /** resample_poly driven with our Kaiser design: only float32 rounding may differ. */
  private static final double SAME_FILTER_TOLERANCE = 1e-5;
  /**
   * resample_poly's own filter (Kaiser β 5, cutoff at 8 kHz) differs from ours in the band from 0.9
   * to 1.0 of the Nyquist frequency, where speech still has some energy: about -40 dB apart.
   */
  private static final double DEFAULT_FILTER_RELATIVE_RMS = 0.02;

  private static final NpzArchive WANT = NpzArchive.load("/features/goldens/resample_fox_22050_16000.npz");

  @Test
  void matchesResamplePolyWithTheSameKernel() {
    float[] y = Resampler.resample(FeatureClips.samples("fox", "22k"), 22050, 16000);
    assertEquals((long) WANT.scalar("length"), y.length);
    double err = Math.max(
        maxError(y, 0, WANT.flat("ours_head")),
        maxError(y, y.length - 2000, WANT.flat("ours_tail")));
    System.out.printf("resampler vs resample_poly (same kernel): max abs error %.3g%n", err);
    assertTrue(err <= SAME_FILTER_TOLERANCE, "max abs error " + err);
  }

  @Test
  void agreesWithResamplePolyDefaults() {
    float[] y = Resampler.resample(FeatureClips.samples("fox", "22k"), 22050, 16000);
    double[] head = WANT.flat("scipy_head");
    double[] tail = WANT.flat("scipy_tail");
    double diff = 0;
    double power = 0;
    for (int i = 0; i < head.length; i++) {
      diff += (y[i] - head[i]) * (y[i] - head[i]);
      power += head[i] * head[i];
    }
    int offset = y.length - tail.length;
    for (int i = 0; i < tail.length; i++) {
      diff += (y[offset + i] - tail[i]) * (y[offset + i] - tail[i]);
      power += tail[i] * tail[i];
    }
    double relative = Math.sqrt(diff / power);
    System.out.printf("resampler vs resample_poly defaults: relative rms difference %.3g%n", relative);
    assertTrue(relative <= DEFAULT_FILTER_RELATIVE_RMS, "relative rms difference " + relative);
  }

  private static double maxError(float[] got, int offset, double[] want) {
    double worst = 0;
    for (int i = 0; i < want.length; i++) {
      worst = Math.max(worst, Math.abs(got[offset + i] - want[i]));
    }
    return worst;
  }
}
