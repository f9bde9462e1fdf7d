package dev.voicegen.audio.seed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeedAnalyzerTest {
  @Test
  void twelveSecondsOfSteadyToneAtMinusTwentyPassesEverything() {
    AudioClip tone = Signals.mono(22050, Signals.sine(22050, 220, 0.14, 12.0)); // rms about -20 dBFS
    SeedAnalysis a = SeedAnalyzer.analyze(tone, 529_244);
    assertEquals(List.of(), a.failedChecks());
    assertEquals(100, a.score());
    assertEquals("excellent", a.verdict());
    assertEquals("ok", a.speechStatus());
    assertEquals(List.of(), a.recommendations());
    assertEquals(12.0, a.durationS());
    assertEquals(529_244 / 1048576.0, a.fileSizeMb(), 1e-12);
  }

  @Test
  void silenceFailsThreeChecksAndHasNoLoudness() {
    SeedAnalysis a = SeedAnalyzer.analyze(Signals.mono(22050, new short[22050]), 44_144);
    assertEquals(List.of(SeedCheck.SPEECH_DURATION, SeedCheck.LOUDNESS, SeedCheck.SILENCE_RATIO),
        a.failedChecks());
    assertEquals(40, a.score());
    assertEquals("needs improvement", a.verdict());
    assertNull(a.loudnessDbfs());
    assertNull(a.peakDbfs());
    assertEquals(0, a.speechSegments());
    assertEquals(3, a.recommendations().size());
    assertEquals(1.0, a.silenceRatio());
  }

  @Test
  void stereoAt44100LosesFortyPoints() {
    AudioClip mono = Signals.mono(44100, Signals.sine(44100, 220, 0.14, 11.0));
    SeedAnalysis a = SeedAnalyzer.analyze(
        new AudioClip(44100, new float[][] {mono.channel(0), mono.channel(0)}), 0);
    assertEquals(List.of(SeedCheck.CHANNELS, SeedCheck.SAMPLE_RATE), a.failedChecks());
    assertEquals(60, a.score());
    assertEquals("good", a.verdict());
    assertTrue(a.recommendations().get(0).contains("mono"), a.recommendations().toString());
    assertTrue(a.recommendations().get(1).contains("22050"), a.recommendations().toString());
  }

  @Test
  void speechStatusBoundaries() {
    assertEquals("too short", SeedAnalyzer.speechStatus(5.999));
    assertEquals("short", SeedAnalyzer.speechStatus(6.0));
    assertEquals("short", SeedAnalyzer.speechStatus(9.999));
    assertEquals("ok", SeedAnalyzer.speechStatus(10.0));
    assertEquals("ok", SeedAnalyzer.speechStatus(30.0));
    assertEquals("long", SeedAnalyzer.speechStatus(30.001));
    assertEquals("excellent", SeedAnalyzer.verdict(80));
    assertEquals("good", SeedAnalyzer.verdict(60));
    assertEquals("needs improvement", SeedAnalyzer.verdict(40));
  }

  @Test
  void analysisIsSerializable() throws Exception {
    SeedAnalysis a = SeedAnalyzer.analyze(Signals.mono(22050, Signals.sine(22050, 220, 0.14, 1.0)), 1);
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      out.writeObject(a);
    }
  }
}
