package dev.voicegen.audio.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedVoiceProcessorTest {
  private static final int RATE = 22050;

  /** 35 s: the first 2.5 s at 220 Hz, the rest at 880 Hz, so where the cut lands can be heard. */
  private static AudioClip marked35s() {
    return Signals.mono(RATE, Signals.concat(
        Signals.sine(RATE, 220, 0.3, 2.5), Signals.sine(RATE, 880, 0.3, 32.5)));
  }

  @Test
  void preprocessKeepsTheMiddleThirtySeconds() {
    ProcessedVoice p = SeedVoiceProcessor.preprocess(marked35s());
    assertEquals(35_000, p.inputDurationMs());
    assertEquals(30_000, p.outputDurationMs());
    assertEquals(5_000, p.cutMs());
    assertEquals(0, p.trimmedMs());
    // (35000 - 30000) / 2 = 2500 ms: the 220 Hz lead-in is gone
    assertEquals(880, dominantFrequency(p.audio(), 0.1), 40);
    assertEquals(List.of(), p.warnings());
    assertFalse(p.resampled());
  }

  @Test
  void optimizeKeepsTheFirstThirtySeconds() {
    ProcessedVoice p = SeedVoiceProcessor.optimize(marked35s());
    assertEquals(30_000, p.outputDurationMs());
    assertEquals(5_000, p.cutMs());
    assertEquals(220, dominantFrequency(p.audio(), 0.1), 20);
  }

  @Test
  void shortStereoInputIsMixedResampledAndWarned() {
    float[] tone = new float[44100 * 4];
    for (int i = 0; i < tone.length; i++) {
      tone[i] = (float) (0.2 * Math.sin(2 * Math.PI * 300 * i / 44100));
    }
    AudioClip stereo = new AudioClip(44100, new float[][] {tone, tone});
    ProcessedVoice pre = SeedVoiceProcessor.preprocess(stereo);
    assertEquals(1, pre.audio().channelCount());
    assertEquals(RATE, pre.audio().sampleRate());
    assertTrue(pre.resampled());
    assertEquals(44100, pre.fromRate());
    assertEquals(2, pre.fromChannels());
    assertEquals(4000, pre.outputDurationMs());
    assertEquals(List.of("reference is 4.0 s of speech after preprocessing; under 6 s clones poorly"),
        pre.warnings());

    ProcessedVoice opt = SeedVoiceProcessor.optimize(stereo);
    assertEquals(1, opt.warnings().size());
    assertTrue(opt.warnings().get(0).contains("under 10 s"), opt.warnings().toString());
  }

  @Test
  void silenceComesOutEmpty() throws Exception {
    ProcessedVoice p = SeedVoiceProcessor.preprocess(Signals.mono(RATE, new short[3 * RATE]));
    assertEquals(0, p.audio().frames());
    assertEquals(3000, p.trimmedMs());
    assertEquals(0.0, p.gainDb());
    assertEquals(1, p.warnings().size());
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(p);
    }
  }

  /** Zero crossings per second / 2 over the first {@code seconds}. */
  private static double dominantFrequency(AudioClip clip, double seconds) {
    float[] s = clip.channel(0);
    int n = (int) (seconds * clip.sampleRate());
    int crossings = 0;
    for (int i = 1; i < n; i++) {
      if ((s[i - 1] < 0) != (s[i] < 0)) {
        crossings++;
      }
    }
    return crossings / 2.0 / seconds;
  }
}
