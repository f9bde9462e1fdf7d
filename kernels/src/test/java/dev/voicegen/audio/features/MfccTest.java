package dev.voicegen.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.dsp.Resampler;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against make_goldens.py's port of librosa 0.10 feature.mfcc with its defaults. */
class MfccTest {
  /** dB-domain values: the brief's bound after log scaling. */
  private static final double DB_TOLERANCE = 1e-2;
  private static final Mfcc MFCC = new Mfcc();

  static Stream<String> clips() {
    return FeatureClips.NAMES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void matchesLibrosa(String name) {
    float[][] got = MFCC.compute(FeatureClips.samples(name, "22k"));
    double err = FeatureClips.maxAbsError(got, FeatureClips.goldens(name).matrix("mfcc"), name);
    System.out.printf("mfcc %s: %d x %d, max abs error %.3g%n", name, got.length, got[0].length, err);
    assertTrue(err <= DB_TOLERANCE, name + ": max abs error " + err);
  }

  @Test
  void fewerCoefficientsAreTheLeadingRows() {
    float[] y = FeatureClips.samples("german", "22k");
    float[][] all = MFCC.compute(y);
    float[][] thirteen = new Mfcc(13).compute(y);
    assertEquals(13, thirteen.length);
    for (int c = 0; c < 13; c++) {
      assertArrayEquals(all[c], thirteen[c], 0f);
    }
  }

  @Test
  void framesFollowTheHop() {
    float[] y = FeatureClips.samples("german", "22k");
    assertEquals(1 + y.length / 512, MFCC.compute(y)[0].length);
  }

  @Test
  void clipsAreMixedToMonoAndResampledTo22050() {
    float[] y = FeatureClips.samples("german", "22k");
    AudioClip stereo = new AudioClip(22050, new float[][] {y, y});
    assertArrayEquals(MFCC.compute(y), MFCC.compute(stereo));

    AudioClip at44k = Resampler.resample(AudioClip.mono(22050, y), 44100);
    float[] back = Resampler.resample(at44k.channel(0), 44100, 22050);
    assertArrayEquals(MFCC.compute(back), MFCC.compute(at44k));
  }

  @Test
  void rejectsEmptyAudioAndBadCounts() {
    assertThrows(IllegalArgumentException.class, () -> MFCC.compute(new float[0]));
    assertThrows(IllegalArgumentException.class, () -> new Mfcc(0));
    assertThrows(IllegalArgumentException.class, () -> new Mfcc(129));
  }
}
