package dev.voicegen.audio.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.voicegen.audio.AudioClip;
import org.junit.jupiter.api.Test;

class SilenceStripperTest {
  private static final int RATE = 22050;

  /** 1 s tone, 3 s of digital silence, 1 s tone; lengths from pydub 0.25's strip_silence. */
  @Test
  void internalPauseShrinksToTwoPaddingsLessTheCrossfade() {
    short[] tone = Signals.sine(RATE, 440, 0.5, 1.0);
    AudioClip clip = Signals.mono(RATE, Signals.concat(tone, new short[3 * RATE], tone));

    AudioClip padded150 = new SilenceStripper(1000, -40, 150).apply(clip);
    assertEquals(49060, padded150.frames()); // chunks of 1150 ms joined with a 75 ms crossfade
    assertEquals(2225, PcmSegment.of(padded150).lengthMs());
    assertEquals(16383, Dbfs.peak(padded150));

    AudioClip padded100 = new SilenceStripper(1000, -40, 100).apply(clip);
    assertEquals(47407, padded100.frames());
    assertEquals(2150, PcmSegment.of(padded100).lengthMs());
  }

  @Test
  void pausesShorterThanSilenceLenStay() {
    short[] tone = Signals.sine(RATE, 440, 0.5, 1.0);
    AudioClip clip = Signals.mono(RATE, Signals.concat(tone, new short[RATE / 2], tone));
    assertEquals(clip.frames(), new SilenceStripper(1000, -40, 150).apply(clip).frames());
  }

  @Test
  void allSilenceBecomesEmpty() {
    AudioClip out = new SilenceStripper(1000, -40, 150).apply(Signals.mono(RATE, new short[2 * RATE]));
    assertEquals(0, out.frames());
    assertEquals(RATE, out.sampleRate());
  }

  @Test
  void paddingLongerThanSilenceLenIsRefused() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new SilenceStripper(100, -40, 150));
  }
}
