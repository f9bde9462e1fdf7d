package dev.voicegen.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.broadcast.BroadcastPreprocessor;
import dev.voicegen.audio.seed.ProcessedVoice;
import dev.voicegen.audio.dsp.Resampler;
import dev.voicegen.audio.measure.SpeechActivity;
import dev.voicegen.onnx.OnnxSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silero VAD as a frame detector, on a real voice whose segments the goldens give
 * (ls_3080_3080-5032-0000: [0.5, 0.9] and [1.2, 4.2] s, 3.4 s of speech in 4.5 s).
 */
class SileroSpeechTest {
  private static final String VOICE = "ls_3080_3080-5032-0000.flac";
  private static SileroVad vad;

  @BeforeAll
  static void load() {
    vad = SileroVad.load(SharedData.require(SharedData.MODELS.resolve("silero-vad")), OnnxSessions.Settings.defaults());
  }

  @AfterAll
  static void close() {
    vad.close();
  }

  private static boolean speechAt(SileroSpeech d, AudioClip clip, double seconds) {
    int hop = d.frameSamples(clip.sampleRate());
    return d.speechFrames(clip)[(int) (seconds * clip.sampleRate() / hop)];
  }

  @Test
  void framesFollowTheSegments() {
    AudioClip clip = SharedData.voice(VOICE);
    SileroSpeech d = SileroSpeech.of(vad.detect(clip));
    assertEquals(512, d.frameSamples(16_000));
    assertEquals(clip.frames() / 512, d.speechFrames(clip).length);
    assertFalse(speechAt(d, clip, 0.2));
    assertTrue(speechAt(d, clip, 0.7));
    assertFalse(speechAt(d, clip, 1.05));
    assertTrue(speechAt(d, clip, 2.5));
    assertTrue(speechAt(d, clip, 4.0));
    assertFalse(speechAt(d, clip, 4.4));
    // the frames add up to the segments (0.1 s rounding and frame edges aside)
    assertEquals(3.4, d.speechSeconds(clip), 0.15);
    assertEquals(3.4 / (clip.frames() / 16_000.0), d.speechRatio(clip), 0.04);
  }

  @Test
  void atAnotherRateTheFramesKeepTheirTimes() {
    AudioClip clip16 = SharedData.voice(VOICE);
    AudioClip clip = AudioClip.mono(22_050, Resampler.resample(clip16.channel(0), 16_000, 22_050));
    SileroSpeech known = SileroSpeech.of(vad.detect(clip));
    SileroSpeech live = SileroSpeech.of(vad);
    assertEquals(706, known.frameSamples(22_050)); // 32 ms
    assertArrayEquals(known.speechFrames(clip), live.speechFrames(clip));
    assertTrue(speechAt(live, clip, 2.5));
    assertFalse(speechAt(live, clip, 1.05));
    assertEquals(3.4, live.speechSeconds(clip), 0.15);
  }

  @Test
  void theBroadcastChainTrimsAndKeepsTheSpeechSileroFinds() {
    // 2 s of digital silence on each side of the real voice: the edge trim takes them off
    AudioClip voice = SharedData.voice(VOICE);
    float[] padded = new float[voice.frames() + 4 * 16_000];
    System.arraycopy(voice.channel(0), 0, padded, 2 * 16_000, voice.frames());
    AudioClip clip = AudioClip.mono(16_000, padded);
    ProcessedVoice out = BroadcastPreprocessor.process(clip, BroadcastPreprocessor.Settings.defaults(), SileroSpeech.of(vad));
    assertTrue(out.steps().stream().anyMatch(st -> st.startsWith("edges trimmed ") && st.contains("(silero VAD)")),
        out.steps().toString());
    // the 4 s of padding go, and the voice's own quiet lead-in with them (100 ms kept at each edge)
    assertTrue(out.audio().durationSeconds() < clip.durationSeconds() - 4.0, out.steps().toString());
    assertEquals(3.4, SileroSpeech.of(vad).speechSeconds(out.audio()), 0.25);
  }

  @Test
  void silenceHasNoSpeechFrames() {
    AudioClip silence = AudioClip.mono(16_000, new float[16_000 * 2]);
    boolean[] frames = SileroSpeech.of(vad).speechFrames(silence);
    assertEquals(62, frames.length);
    for (boolean f : frames) {
      assertFalse(f);
    }
  }

  @Test
  void withoutTheModelTheDetectorIsTheEnergyOne(@TempDir Path empty) throws Exception {
    Files.createDirectories(empty.resolve("silero-vad"));
    try (QualityModels models = QualityModels.load(empty, OnnxSessions.Settings.defaults())) {
      assertEquals(SpeechActivity.NAME, models.speechDetector().name());
    }
    assertEquals(SpeechActivity.NAME, SileroSpeech.orEnergy(null).name());
    assertEquals(SileroSpeech.NAME, SileroSpeech.orEnergy(vad.detect(SharedData.voice(VOICE))).name());
  }
}
