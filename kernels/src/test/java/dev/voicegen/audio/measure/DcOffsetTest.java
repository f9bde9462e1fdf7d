package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class DcOffsetTest {
  @Test
  void offsetIsTheSignedMeanOfAllSamples() {
    float[] sine = Signals.sine(8_000, 100, 0.5, 1);
    assertEquals(0.0, DcOffset.of(AudioClip.mono(8_000, sine)), 1e-6);
    assertEquals(-0.03, DcOffset.of(AudioClip.mono(8_000, Signals.offset(sine, -0.03f))), 1e-6);
    float[] left = Signals.offset(sine, 0.1f);
    assertEquals(0.05, DcOffset.of(Signals.stereo(8_000, left, sine)), 1e-6);
  }

  @Test
  void corpusClipsWithDcShift() {
    // make_corpus.sh: sox dcshift 0.05 and -0.03
    assertEquals(0.05, DcOffset.of(MeasureCorpus.clip("de_dc_plus_22k.flac")), 0.003);
    assertEquals(-0.03, DcOffset.of(MeasureCorpus.clip("fr_dc_minus_stereo_16k.flac")), 0.003);
  }

  @Test
  void emptyClipHasNoOffset() {
    assertNull(DcOffset.of(AudioClip.mono(8_000, new float[0])));
  }
}
