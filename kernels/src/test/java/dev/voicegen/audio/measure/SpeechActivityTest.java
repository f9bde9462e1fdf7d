package dev.voicegen.audio.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class SpeechActivityTest {
  private static final int RATE = 44_100;

  private static float[] speech() {
    return MeasureCorpus.clip("us_mono_44k.flac").channel(0);
  }

  @Test
  void insertedSilenceLowersTheRatioByItsShare() {
    float[] speech = speech();
    int half = speech.length / 2;
    float[] firstHalf = java.util.Arrays.copyOfRange(speech, 0, half);
    float[] secondHalf = java.util.Arrays.copyOfRange(speech, half, speech.length);
    for (int frameMs : new int[] {10, 20, 30}) {
      SpeechActivity vad = SpeechActivity.withFrameMillis(frameMs);
      double original = vad.speechRatio(AudioClip.mono(RATE, speech));
      assertTrue(original > 0.6 && original < 0.98, frameMs + " ms: clean speech reads " + original);
      float[] gapped = Signals.concat(firstHalf, new float[2 * RATE], secondHalf);
      double expected = original * speech.length / gapped.length;
      assertEquals(expected, vad.speechRatio(AudioClip.mono(RATE, gapped)), 0.03, frameMs + " ms frames");
    }
  }

  @Test
  void silenceInTheCorpusClipIsSeen() {
    // us_gap_es_16k: two sentences around 1.5 s of digital silence, 7.63 s in all
    double ratio = SpeechActivity.create().speechRatio(MeasureCorpus.clip("us_gap_es_16k.flac"));
    assertTrue(ratio < (7.63 - 1.5) / 7.63, "ratio " + ratio);
    assertTrue(ratio > 0.55, "ratio " + ratio);
  }

  @Test
  void quietNoiseInThePausesIsNotSpeech() {
    float[] speech = speech();
    float[] gapped = Signals.concat(speech, new float[2 * RATE]);
    float[] noisy = Signals.plus(gapped, Signals.whiteNoise(gapped.length, 0.0005, 11));
    double clean = SpeechActivity.create().speechRatio(AudioClip.mono(RATE, gapped));
    assertEquals(clean, SpeechActivity.create().speechRatio(AudioClip.mono(RATE, noisy)), 0.05);
  }

  @Test
  void burstsCountOnlyWellAboveTheNoiseFloor() {
    // a steady noise bed with a 1 s burst in the middle of 4 s: 5 dB up is not speech, 15 dB up is
    float[] bed = Signals.whiteNoise(4 * RATE, 0.01, 3);
    assertEquals(0.0, SpeechActivity.create().speechRatio(AudioClip.mono(RATE, withBurst(bed, 5))), 0.02);
    assertEquals(0.25, SpeechActivity.create().speechRatio(AudioClip.mono(RATE, withBurst(bed, 15))), 0.02);
  }

  private static float[] withBurst(float[] bed, double gainDb) {
    float[] out = bed.clone();
    float gain = (float) Math.pow(10, gainDb / 20);
    for (int i = 3 * RATE / 2; i < 5 * RATE / 2; i++) {
      out[i] *= gain;
    }
    return out;
  }

  @Test
  void levelAndDcOffsetDoNotChangeTheDecision() {
    float[] speech = speech();
    float[] quiet = new float[speech.length];
    for (int i = 0; i < speech.length; i++) {
      quiet[i] = speech[i] * 0.01f;
    }
    double reference = SpeechActivity.create().speechRatio(AudioClip.mono(RATE, speech));
    assertEquals(reference, SpeechActivity.create().speechRatio(AudioClip.mono(RATE, quiet)), 0.02);
    assertEquals(reference,
        SpeechActivity.create().speechRatio(AudioClip.mono(RATE, Signals.offset(speech, 0.05f))), 0.02);
  }

  @Test
  void digitalSilenceHasNoSpeechAndTooShortIsNull() {
    assertEquals(0.0, SpeechActivity.create().speechRatio(AudioClip.mono(RATE, new float[RATE])));
    assertNull(SpeechActivity.create().speechRatio(AudioClip.mono(RATE, new float[1000])));
    assertEquals(1, SpeechActivity.withFrameMillis(10).speechFrames(AudioClip.mono(RATE, new float[441])).length);
  }

  @Test
  void framesAre10To30Ms() {
    assertEquals(1323, SpeechActivity.create().frameSamples(RATE));
    assertEquals(160, SpeechActivity.withFrameMillis(10).frameSamples(16_000));
    assertThrows(IllegalArgumentException.class, () -> SpeechActivity.withFrameMillis(25));
  }
}
