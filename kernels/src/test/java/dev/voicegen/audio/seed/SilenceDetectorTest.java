package dev.voicegen.audio.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicegen.audio.AudioClip;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceDetectorTest {
  private static final int RATE = 1000; // one frame per millisecond keeps the boundaries exact

  @Test
  void toneSilenceTone() {
    AudioClip clip = Signals.mono(RATE, Signals.concat(
        Signals.constant(1000, 8000), new short[2000], Signals.constant(1000, 8000)));
    assertEquals(List.of(new TimeRange(1000, 3000)), SilenceDetector.detectSilence(clip, 500, -40));
    assertEquals(List.of(new TimeRange(0, 1000), new TimeRange(3000, 4000)),
        SilenceDetector.detectNonsilent(clip, 500, -40));
  }

  @Test
  void clipShorterThanTheWindowHasNoSilence() {
    AudioClip clip = Signals.mono(RATE, new short[499]);
    assertEquals(List.of(), SilenceDetector.detectSilence(clip, 500, -40));
    assertEquals(List.of(new TimeRange(0, 499)), SilenceDetector.detectNonsilent(clip, 500, -40));
  }

  @Test
  void allSilenceHasNoSpeech() {
    AudioClip clip = Signals.mono(RATE, new short[1500]);
    assertEquals(List.of(new TimeRange(0, 1500)), SilenceDetector.detectSilence(clip, 500, -40));
    assertEquals(List.of(), SilenceDetector.detectNonsilent(clip, 500, -40));
  }

  @Test
  void noSilenceIsAllSpeech() {
    AudioClip clip = Signals.mono(RATE, Signals.constant(1500, 400));
    assertEquals(List.of(), SilenceDetector.detectSilence(clip, 500, -40));
    assertEquals(List.of(new TimeRange(0, 1500)), SilenceDetector.detectNonsilent(clip, 500, -40));
  }

  @Test
  void thresholdIsInclusiveOnTheIntegerRms() {
    // -40 dBFS = rms 327.68: a constant 327 is silent, 328 is not
    assertEquals(List.of(),
        SilenceDetector.detectNonsilent(Signals.mono(RATE, Signals.constant(600, 327)), 500, -40));
    assertEquals(List.of(new TimeRange(0, 600)),
        SilenceDetector.detectNonsilent(Signals.mono(RATE, Signals.constant(600, 328)), 500, -40));
  }

  @Test
  void overlappingSilentWindowsAroundLoudOnesMerge() {
    // two clicks 400 ms apart: a 1000 ms window holding one is silent (rms 316), holding both is
    // not (rms 447); the silent windows before and after overlap, so pydub merges them (values from pydub)
    short[] samples = new short[3000];
    samples[1000] = 10000;
    samples[1400] = 10000;
    AudioClip clip = Signals.mono(RATE, samples);
    assertEquals(List.of(new TimeRange(0, 3000)), SilenceDetector.detectSilence(clip, 1000, -40));
    assertEquals(List.of(), SilenceDetector.detectNonsilent(clip, 1000, -40));
    // with 300 ms windows each click is loud on its own
    assertEquals(List.of(new TimeRange(1000, 1001), new TimeRange(1400, 1401)),
        SilenceDetector.detectNonsilent(clip, 300, -40));
  }

  @Test
  void stereoRmsIsOverInterleavedSamplesOfAllChannels() {
    // left at 400 (above 327.68), right silent: interleaved rms = 400 / sqrt 2 = 282 -> silent
    int n = 600;
    float[] left = new float[n];
    java.util.Arrays.fill(left, 400 / 32768f);
    AudioClip stereo = new AudioClip(RATE, new float[][] {left, new float[n]});
    assertEquals(List.of(), SilenceDetector.detectNonsilent(stereo, 500, -40));
    assertEquals(List.of(new TimeRange(0, 600)),
        SilenceDetector.detectNonsilent(AudioClip.mono(RATE, left), 500, -40));
  }

  @Test
  void lengthIsRoundedHalfToEvenAsPythonRounds() {
    // at 48 kHz, 24 frames = 0.5 ms -> 0, 72 frames = 1.5 ms -> 2, 120 frames = 2.5 ms -> 2
    assertEquals(0, PcmSegment.ofMono(48000, new short[24]).lengthMs());
    assertEquals(2, PcmSegment.ofMono(48000, new short[72]).lengthMs());
    assertEquals(2, PcmSegment.ofMono(48000, new short[120]).lengthMs());
    assertEquals(List.of(new TimeRange(0, 2)),
        SilenceDetector.detectNonsilent(Signals.mono(48000, new short[120]), 500, -40));
  }
}
