package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class WadaSnrTest {
  @Test
  void tableHas121EntriesFromMinus20To100Db() {
    assertEquals(121, WadaSnr.tableSize());
    assertEquals(-20.0, WadaSnr.snrForStatistic(0.0));
    assertEquals(100.0, WadaSnr.snrForStatistic(5.0));
  }

  @Test
  void lookupInterpolatesBetweenNeighbours() {
    // G(20 dB) = 0.95655449, G(21 dB) = 0.9835349 (Kim & Stern 2008 table)
    assertEquals(20.0, WadaSnr.snrForStatistic(0.95655449 + 1e-12), 1e-6);
    assertEquals(20.5, WadaSnr.snrForStatistic((0.95655449 + 0.9835349) / 2), 1e-9);
    // the low end is not monotonic; the reference takes the LAST entry below G: 0.4098 is above
    // G(-20 dB) = 0.40974774 and G(-17 dB) = 0.40969089, below G(-16 dB) = 0.40986186
    double expected = -17 + (0.4098 - 0.40969089) / (0.40986186 - 0.40969089);
    assertEquals(expected, WadaSnr.snrForStatistic(0.4098), 1e-9);
  }

  @Test
  void moreNoiseMeansLowerSnr() {
    float[] speech = MeasureCorpus.clip("us_mono_44k.flac").channel(0);
    double previous = Double.POSITIVE_INFINITY;
    for (double noiseRms : new double[] {0.001, 0.003, 0.01, 0.03}) {
      float[] noisy = Signals.plus(speech, Signals.whiteNoise(speech.length, noiseRms, 7));
      double snr = WadaSnr.estimateDb(AudioClip.mono(44_100, noisy));
      assertTrue(snr < previous, "noise " + noiseRms + ": " + snr + " after " + previous);
      previous = snr;
    }
    assertTrue(previous < 15, "heavy noise reads " + previous);
  }

  @Test
  void scaleDoesNotMatter() {
    float[] noisy = Signals.plus(Signals.sine(16_000, 200, 0.3, 2), Signals.whiteNoise(32_000, 0.01, 3));
    float[] quieter = new float[noisy.length];
    for (int i = 0; i < noisy.length; i++) {
      quieter[i] = noisy[i] * 0.125f;
    }
    assertEquals(WadaSnr.estimateDb(AudioClip.mono(16_000, noisy)),
        WadaSnr.estimateDb(AudioClip.mono(16_000, quieter)), 1e-6);
  }

  @Test
  void silenceHasNoSnr() {
    assertNull(WadaSnr.estimateDb(AudioClip.mono(16_000, new float[16_000])));
    assertNull(WadaSnr.estimateDb(AudioClip.mono(16_000, new float[0])));
  }
}
