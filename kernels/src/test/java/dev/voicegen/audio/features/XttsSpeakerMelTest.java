package dev.voicegen.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against make_goldens.py's port of Coqui's ResNetSpeakerEncoder torch_spec (XTTS config). */
class XttsSpeakerMelTest {
  /** Linear-domain values: the brief's bound before any log. */
  private static final double LINEAR_TOLERANCE = 1e-3;

  static Stream<String> clips() {
    return FeatureClips.NAMES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void matchesCoquiSpeakerSpectrogram(String name) {
    float[] y = FeatureClips.samples(name, "16k");
    float[][] got = new XttsSpeakerMel().compute(y);
    assertEquals(1 + y.length / 160, got[0].length);
    double err = FeatureClips.maxAbsError(got, FeatureClips.goldens(name).matrix("speaker_mel"), name);
    System.out.printf("xtts speaker %s: %d x %d, max abs error %.3g%n", name, got.length, got[0].length, err);
    assertTrue(err <= LINEAR_TOLERANCE, name + ": max abs error " + err);
  }

  @Test
  void preEmphasisReflectsTheFirstSample() {
    float[] got = XttsSpeakerMel.preEmphasis(new float[] {1f, 2f, 4f});
    assertArrayEquals(new float[] {1f - 0.97f * 2f, 2f - 0.97f, 4f - 0.97f * 2f}, got, 1e-6f);
  }
}
