package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class BandwidthEstimatorTest {
  @Test
  void telephoneAudioUpsampledTo44kHzIsCaught() {
    // make_corpus.sh: the same espeak-ng speech, once as is (22.05 kHz) and once through 8 kHz
    double full = BandwidthEstimator.effectiveBandwidthHz(MeasureCorpus.clip("scot_mono_22k.flac"));
    double telephone = BandwidthEstimator.effectiveBandwidthHz(MeasureCorpus.clip("scot_telephone_44k.flac"));
    assertTrue(full > 9_000, "full band reads " + full);
    assertTrue(telephone > 3_400 && telephone < 4_300, "telephone reads " + telephone);
  }

  @Test
  void lowPassedThenUpsampledIsCaught() {
    double full = BandwidthEstimator.effectiveBandwidthHz(MeasureCorpus.clip("gb_stereo_48k.flac"));
    double lowPassed = BandwidthEstimator.effectiveBandwidthHz(MeasureCorpus.clip("gb_lowpass4k_48k.flac"));
    assertTrue(full > 9_000, "full band reads " + full);
    assertTrue(lowPassed > 3_600 && lowPassed < 4_400, "4 kHz low-pass reads " + lowPassed);
  }

  @Test
  void aToneEndsAtItsOwnFrequency() {
    float[] tone = Signals.faded(Signals.sine(16_000, 1_000, 0.5, 2), 16_000, 0.1);
    double bandwidth = BandwidthEstimator.effectiveBandwidthHz(AudioClip.mono(16_000, tone));
    assertEquals(1_050, bandwidth, 150);
  }

  @Test
  void dcOffsetDoesNotHideTheSpectrum() {
    float[] speech = MeasureCorpus.clip("us_mono_44k.flac").channel(0);
    double clean = BandwidthEstimator.effectiveBandwidthHz(AudioClip.mono(44_100, speech));
    float[] quiet = new float[speech.length];
    for (int i = 0; i < speech.length; i++) {
      quiet[i] = speech[i] * 0.05f + 0.1f; // an offset far stronger than the speech
    }
    double offset = BandwidthEstimator.effectiveBandwidthHz(AudioClip.mono(44_100, quiet));
    assertEquals(clean, offset, 200);
  }

  @Test
  void whiteNoiseFillsTheBand() {
    float[] noise = Signals.whiteNoise(44_100, 0.1, 5);
    assertTrue(BandwidthEstimator.effectiveBandwidthHz(AudioClip.mono(44_100, noise)) > 21_000);
  }

  @Test
  void notMeasurableIsNull() {
    assertNull(BandwidthEstimator.effectiveBandwidthHz(AudioClip.mono(44_100, new float[44_100])));
    assertNull(BandwidthEstimator.effectiveBandwidthHz(AudioClip.mono(44_100, new float[1000])));
    assertEquals(2048, BandwidthEstimator.fftSize(44_100));
    assertEquals(512, BandwidthEstimator.fftSize(8_000));
  }
}
