package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class ClippingDetectorTest {
  private static final int RATE = 8_000;

  @Test
  void clippedSineIsFoundExactly() {
    // a 100 Hz sine at twice full scale, hard-clipped: about two thirds of each cycle is flat
    float[] x = clip(Signals.sine(RATE, 100, 2.0, 1), 1.0f);
    ClippingReport report = ClippingDetector.detect(AudioClip.mono(RATE, x));
    int nearExtreme = 0;
    for (float v : x) {
      if (Math.abs(v) >= 0.995) {
        nearExtreme++;
      }
    }
    assertEquals(1.0, report.extreme(), 0);
    assertEquals(nearExtreme, report.clippedSamples());
    assertEquals(200, report.runs(), "one flat top and one flat bottom per cycle");
    assertEquals(nearExtreme / (double) x.length, report.clippedRatio(), 1e-12);
    assertEquals(nearExtreme / (double) RATE, report.clippedDurationS(), 1e-12);
    assertTrue(report.clippedRatio() > 0.6 && report.clippedRatio() < 0.7, "ratio " + report.clippedRatio());
  }

  @Test
  void clippedThenAttenuatedIsFoundAgainstTheClipsOwnExtreme() {
    float[] full = clip(Signals.sine(RATE, 100, 2.0, 1), 1.0f);
    float[] attenuated = full.clone();
    for (int i = 0; i < attenuated.length; i++) {
      attenuated[i] *= 0.5f;
    }
    ClippingReport a = ClippingDetector.detect(AudioClip.mono(RATE, full));
    ClippingReport b = ClippingDetector.detect(AudioClip.mono(RATE, attenuated));
    assertEquals(0.5, b.extreme(), 1e-6);
    assertEquals(a.clippedRatio(), b.clippedRatio(), 1e-12);
    assertEquals(a.runs(), b.runs());
  }

  @Test
  void shortRunsAndAlternatingSignsAreNotClipping() {
    float[] x = Signals.sine(RATE, 440, 0.3, 1);
    x[1000] = 0.9f;
    x[1001] = 0.9f; // two samples: shorter than the 3-sample minimum
    x[3000] = -0.9f;
    x[3001] = 0.9f;
    x[3002] = -0.9f; // three near-extreme samples, but of alternating sign
    ClippingReport report = ClippingDetector.detect(AudioClip.mono(RATE, x));
    assertEquals(0, report.runs());
    assertEquals(0.0, report.clippedRatio());
    x[1002] = 0.899f; // now three in a row, all within 0.995 of the extreme
    assertEquals(3, ClippingDetector.detect(AudioClip.mono(RATE, x)).clippedSamples());
  }

  @Test
  void nearExtremeMeansAtLeast0Point995OfTheExtreme() {
    float[] x = Signals.sine(RATE, 440, 0.3, 1);
    x[100] = 0.8f; // the extreme
    for (int i = 2000; i < 2010; i++) {
      x[i] = 0.8f * 0.993f;
    }
    assertEquals(0, ClippingDetector.detect(AudioClip.mono(RATE, x)).clippedSamples());
    for (int i = 2000; i < 2010; i++) {
      x[i] = 0.8f * 0.9951f;
    }
    assertEquals(10, ClippingDetector.detect(AudioClip.mono(RATE, x)).clippedSamples());
  }

  @Test
  void minimumRunIsThreeSamplesOrATenthOfAMillisecond() {
    assertEquals(3, ClippingDetector.minimumRun(8_000));
    assertEquals(3, ClippingDetector.minimumRun(22_050));
    assertEquals(5, ClippingDetector.minimumRun(44_100));
    assertEquals(5, ClippingDetector.minimumRun(48_000));
    assertEquals(10, ClippingDetector.minimumRun(96_000));
  }

  @Test
  void durationCountsFramesWhereAnyChannelClips() {
    float[] clean = Signals.sine(RATE, 100, 0.5, 1);
    float[] clipped = clip(Signals.sine(RATE, 100, 2.0, 1), 1.0f);
    ClippingReport mono = ClippingDetector.detect(AudioClip.mono(RATE, clipped));
    ClippingReport stereo = ClippingDetector.detect(Signals.stereo(RATE, clean, clipped));
    assertEquals(mono.clippedSamples(), stereo.clippedSamples());
    assertEquals(mono.clippedRatio() / 2, stereo.clippedRatio(), 1e-12);
    assertEquals(mono.clippedDurationS(), stereo.clippedDurationS(), 1e-12);
    ClippingReport both = ClippingDetector.detect(Signals.stereo(RATE, clipped, clipped));
    assertEquals(mono.clippedDurationS(), both.clippedDurationS(), 1e-12);
    assertEquals(mono.clippedRatio(), both.clippedRatio(), 1e-12);
  }

  @Test
  void cleanSpeechHasNoClippingAndClippedSpeechHasMuch() {
    assertEquals(0.0, ClippingDetector.detect(MeasureCorpus.clip("us_mono_44k.flac")).clippedRatio());
    assertEquals(0.0, ClippingDetector.detect(MeasureCorpus.clip("scot_loud_48k.flac")).clippedRatio());
    assertTrue(ClippingDetector.detect(MeasureCorpus.clip("us_clipped_44k.flac")).clippedRatio() > 0.05);
    assertTrue(ClippingDetector.detect(MeasureCorpus.clip("fr_clipped_8k.wav")).clippedRatio() > 0.02);
    assertTrue(ClippingDetector.detect(MeasureCorpus.clip("es_clipped_attenuated_22k.flac")).clippedRatio() > 0.02);
  }

  @Test
  void silenceHasNoClipping() {
    ClippingReport report = ClippingDetector.detect(AudioClip.mono(RATE, new float[RATE]));
    assertEquals(0.0, report.clippedRatio());
    assertEquals(0.0, report.clippedDurationS());
  }

  private static float[] clip(float[] x, float limit) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.max(-limit, Math.min(limit, x[i]));
    }
    return out;
  }
}
