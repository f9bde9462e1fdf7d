package dev.voicegen.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against make_goldens.py's port of whisper/audio.py log_mel_spectrogram and pad_or_trim. */
class WhisperLogMelTest {
  /** log10-domain values: the brief's bound after log scaling. */
  private static final double LOG_TOLERANCE = 1e-2;
  private static final WhisperLogMel WHISPER = new WhisperLogMel();

  static Stream<String> clips() {
    return FeatureClips.NAMES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void unpaddedMatchesWhisper(String name) {
    float[] y = FeatureClips.samples(name, "16k");
    float[][] got = WHISPER.logMel(y);
    assertEquals(y.length / 160, got[0].length, "frames: the last one is dropped");
    double err = FeatureClips.maxAbsError(got, FeatureClips.goldens(name).matrix("whisper_raw"), name);
    System.out.printf("whisper raw %s: %d x %d, max abs error %.3g%n", name, got.length, got[0].length, err);
    assertTrue(err <= LOG_TOLERANCE, name + ": max abs error " + err);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clips")
  void thirtySecondWindowMatchesWhisper(String name) {
    NpzArchive want = FeatureClips.goldens(name);
    float[][] got = WHISPER.window(FeatureClips.samples(name, "16k"));
    assertEquals(80, got.length);
    assertEquals(WhisperLogMel.N_FRAMES, got[0].length);
    double[][] head = want.matrix("whisper_window_head");
    float[][] gotHead = new float[80][];
    double tail = want.scalar("whisper_window_tail");
    double tailErr = 0;
    for (int m = 0; m < 80; m++) {
      gotHead[m] = Arrays.copyOf(got[m], head[m].length);
      for (int f = head[m].length; f < got[m].length; f++) {
        tailErr = Math.max(tailErr, Math.abs(got[m][f] - tail));
      }
    }
    double err = Math.max(FeatureClips.maxAbsError(gotHead, head, name), tailErr);
    System.out.printf("whisper window %s: 80 x 3000, max abs error %.3g%n", name, err);
    assertTrue(err <= LOG_TOLERANCE, name + ": max abs error " + err);
  }

  @Test
  void longAudioIsCutIntoPaddedWindows() {
    Random random = new Random(3);
    float[] audio = new float[WhisperLogMel.N_SAMPLES + 5 * 16000];
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (float) (0.1 * random.nextGaussian());
    }
    List<float[][]> windows = WHISPER.windows(audio);
    assertEquals(2, windows.size());
    assertArrayEquals(WHISPER.window(Arrays.copyOf(audio, WhisperLogMel.N_SAMPLES)), windows.get(0));
    assertArrayEquals(WHISPER.window(audio), windows.get(0), "window() trims to 30 s");
    float[] rest = Arrays.copyOfRange(audio, WhisperLogMel.N_SAMPLES, audio.length);
    assertArrayEquals(WHISPER.window(rest), windows.get(1));
    assertEquals(1, WHISPER.windows(Arrays.copyOf(audio, WhisperLogMel.N_SAMPLES)).size());
  }

  @Test
  void largeV3HasOneHundredTwentyEightBands() {
    float[][] got = new WhisperLogMel(128).window(FeatureClips.samples("german", "16k"));
    assertEquals(128, got.length);
    assertEquals(WhisperLogMel.N_FRAMES, got[0].length);
  }
}
