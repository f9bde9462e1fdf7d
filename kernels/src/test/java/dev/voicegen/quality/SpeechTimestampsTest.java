package dev.voicegen.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The segment rules of get_speech_timestamps on hand-made probabilities (512-sample chunks at
 * 16 kHz, defaults: 0.5 / 0.35, min speech 4000 samples, min silence 1600, pad 480), expected
 * values worked out by hand from the package's rules.
 */
class SpeechTimestampsTest {
  private static final int CHUNK = 512;

  @Test
  void oneSegmentIsPaddedOnBothSidesAndRounded() {
    float[] p = probabilities(60, 10, 30, 0.9f);
    List<SpeechSegment> s = SpeechTimestamps.segments(p, 60 * CHUNK, VadParameters.DEFAULTS);
    assertEquals(1, s.size());
    assertEquals(5120 - 480, s.get(0).startSample());
    assertEquals(15360 + 480, s.get(0).endSample()); // the end is the first silent chunk
    assertEquals(0.3, s.get(0).startS()); // 0.29 s
    assertEquals(1.0, s.get(0).endS()); // 0.99 s
  }

  @Test
  void segmentsNotLongerThanMinSpeechAreDropped() {
    // 7 chunks = 3584 samples <= 4000: dropped; 8 chunks = 4096: kept
    assertTrue(SpeechTimestamps.segments(probabilities(40, 10, 17, 0.9f), 40 * CHUNK, VadParameters.DEFAULTS).isEmpty());
    assertEquals(1, SpeechTimestamps.segments(probabilities(40, 10, 18, 0.9f), 40 * CHUNK, VadParameters.DEFAULTS).size());
  }

  @Test
  void betweenTheThresholdsSpeechNeitherStartsNorEnds() {
    float[] p = probabilities(80, 10, 30, 0.9f);
    Arrays.fill(p, 30, 50, 0.4f); // above neg_threshold 0.35: still speech
    Arrays.fill(p, 60, 70, 0.4f); // below threshold 0.5: does not start speech
    List<SpeechSegment> s = SpeechTimestamps.segments(p, 80 * CHUNK, VadParameters.DEFAULTS);
    assertEquals(1, s.size());
    assertEquals(50 * CHUNK + 480, s.get(0).endSample());
  }

  @Test
  void aShortDipDoesNotSplitALongOneDoes() {
    float[] p = probabilities(100, 10, 60, 0.9f);
    Arrays.fill(p, 20, 23, 0f); // 3 chunks: at the dip's last chunk 1024 < 1600 samples of silence
    Arrays.fill(p, 35, 40, 0f); // 5 chunks: the silence reaches 2048 >= 1600 at chunk 39
    List<SpeechSegment> s = SpeechTimestamps.segments(p, 100 * CHUNK, VadParameters.DEFAULTS);
    assertEquals(2, s.size());
    assertEquals(35 * CHUNK + 480, s.get(0).endSample());
    assertEquals(40 * CHUNK - 480, s.get(1).startSample());
  }

  @Test
  void closeSegmentsSplitTheGapAndAnOpenOneRunsToTheEnd() {
    VadParameters noMinSilence = VadParameters.of(0.5, 250, 0, 30);
    float[] p = probabilities(50, 10, 20, 0.9f);
    Arrays.fill(p, 21, 50, 0.9f); // one silent chunk (512 < 2 pads), then speech to the end
    long samples = 50 * CHUNK - 100; // the last chunk was padded
    List<SpeechSegment> s = SpeechTimestamps.segments(p, samples, noMinSilence);
    assertEquals(2, s.size());
    assertEquals(20 * CHUNK + 256, s.get(0).endSample());
    assertEquals(21 * CHUNK - 256, s.get(1).startSample());
    assertEquals(samples, s.get(1).endSample());
    assertEquals(samples / 16000.0, s.get(1).endS(), 1e-12); // 1.59375 s rounds to 1.6, capped at the length
  }

  @Test
  void secondsRoundAsPythonRoundsTheBinaryValue() {
    assertEquals(0.2, SpeechTimestamps.round(0.25)); // a tie: to even
    assertEquals(0.8, SpeechTimestamps.round(0.75));
    assertEquals(0.3, SpeechTimestamps.round(0.35)); // 0.34999999999999997...
    assertEquals(0.5, SpeechTimestamps.round(0.45)); // 0.45000000000000001...
  }

  @Test
  void parametersFollowThePackage() {
    assertEquals(0.35, VadParameters.DEFAULTS.negThreshold(), 1e-12);
    assertEquals(0.01, VadParameters.of(0.1, 250, 100, 30).negThreshold(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> VadParameters.of(1.5, 250, 100, 30));
    assertTrue(SpeechTimestamps.segments(new float[0], 0, VadParameters.DEFAULTS).isEmpty());
  }

  /** {@code n} chunks at 0 except [from, to) at {@code value}. */
  private static float[] probabilities(int n, int from, int to, float value) {
    float[] p = new float[n];
    Arrays.fill(p, from, to, value);
    return p;
  }
}
