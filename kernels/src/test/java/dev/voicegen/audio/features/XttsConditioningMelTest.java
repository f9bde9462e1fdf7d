package dev.voicegen.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against make_goldens.py's port of torchaudio MelSpectrogram as Coqui's wav_to_mel_cloning uses it. */
class XttsConditioningMelTest {
  /** Log-domain values: the brief's bound after log scaling. */
  private static final double LOG_TOLERANCE = 1e-2;
  private static final int RATE = XttsConditioningMel.SAMPLE_RATE;

  static Stream<String> clips() {
    return FeatureClips.NAMES.stream();
  }

  private static float[] stats(NpzArchive archive) {
    double[] values = archive.flat("mel_stats");
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void matchesCoquiCloningMel(String name) {
    NpzArchive want = FeatureClips.goldens(name);
    float[][] got = new XttsConditioningMel(stats(want)).compute(FeatureClips.samples(name, "22k"));
    double err = FeatureClips.maxAbsError(got, want.matrix("cond_mel"), name);
    System.out.printf("xtts conditioning %s: %d x %d, max abs error %.3g%n",
        name, got.length, got[0].length, err);
    assertTrue(err <= LOG_TOLERANCE, name + ": max abs error " + err);
  }

  @Test
  void chunksAreFourSecondsOfTheFirstThirty() {
    assertRanges(8 * RATE, 0, 4 * RATE, 4 * RATE, 8 * RATE);
    // a 0.2 s remainder is dropped, a 0.4 s one kept
    assertRanges(4 * RATE + RATE / 5, 0, 4 * RATE);
    assertRanges(4 * RATE + 2 * RATE / 5, 0, 4 * RATE, 4 * RATE, 4 * RATE + 2 * RATE / 5);
    // 35 s: seven 4-s chunks and the 2 s left of the first 30
    List<int[]> ranges = XttsConditioningMel.chunkRanges(35 * RATE);
    assertEquals(8, ranges.size());
    assertArrayEquals(new int[] {28 * RATE, 30 * RATE}, ranges.get(7));
    // 0.33 s is the boundary: 7276 samples dropped, 7277 kept (22050 * 0.33 = 7276.5)
    assertEquals(0, XttsConditioningMel.chunkRanges(7276).size());
    assertEquals(1, XttsConditioningMel.chunkRanges(7277).size());
  }

  private static void assertRanges(int samples, int... bounds) {
    List<int[]> ranges = XttsConditioningMel.chunkRanges(samples);
    assertEquals(bounds.length / 2, ranges.size(), "chunks of " + samples);
    for (int i = 0; i < ranges.size(); i++) {
      assertArrayEquals(new int[] {bounds[2 * i], bounds[2 * i + 1]}, ranges.get(i));
    }
  }

  @Test
  void eachChunkIsTheMelOfItsSlice() {
    float[] stats = new float[80];
    Arrays.fill(stats, 2.5f);
    XttsConditioningMel mel = new XttsConditioningMel(stats);
    Random random = new Random(11);
    float[] audio = new float[9 * RATE];
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (float) (0.2 * Math.sin(i * 0.05) + 0.01 * random.nextGaussian());
    }
    List<float[][]> chunks = mel.chunks(audio);
    assertEquals(3, chunks.size());
    assertArrayEquals(mel.compute(Arrays.copyOfRange(audio, 4 * RATE, 8 * RATE)), chunks.get(1));
    assertArrayEquals(mel.compute(Arrays.copyOfRange(audio, 8 * RATE, 9 * RATE)), chunks.get(2));
    assertEquals(1 + RATE / 256, chunks.get(2)[0].length);
  }

  @Test
  void rejectsBadMelStats() {
    assertThrows(IllegalArgumentException.class, () -> new XttsConditioningMel(new float[79]));
    assertThrows(IllegalArgumentException.class, () -> new XttsConditioningMel(new float[80]));
  }
}
