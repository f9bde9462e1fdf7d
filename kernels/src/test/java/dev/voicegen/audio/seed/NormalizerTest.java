package dev.voicegen.audio.seed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class NormalizerTest {
  @Test
  void peakLandsAtMinusPointOneDbfs() {
    Normalizer.Result r =
        Normalizer.normalize(Signals.mono(22050, (short) 16384, (short) -8000, (short) 100), 0.1);
    // pydub 0.25: normalize(seg, 0.1) -> [32392, -15817, 197] (audioop.mul floors)
    assertArrayEquals(new short[] {32392, -15817, 197}, Signals.samples(r.clip()));
    assertEquals(20 * Math.log10(32768 / 16384.0) - 0.1, r.gainDb(), 1e-9);
    assertEquals(-0.1, Dbfs.peakDbfs(r.clip()), 0.001);
  }

  @Test
  void silenceIsLeftUnchanged() {
    AudioClip silence = Signals.mono(22050, new short[100]);
    Normalizer.Result r = Normalizer.normalize(silence, 0.1);
    assertEquals(0.0, r.gainDb());
    assertArrayEquals(new short[100], Signals.samples(r.clip()));
    PcmSegment seg = PcmSegment.of(silence);
    assertSame(seg, Normalizer.apply(seg, Normalizer.gainDb(seg, 0.1)));
  }

  @Test
  void loudClipIsTurnedDown() {
    Normalizer.Result r = Normalizer.normalize(Signals.mono(22050, (short) -32768, (short) 32767), 0.1);
    assertEquals(-0.1, r.gainDb(), 1e-9);
  }
}
