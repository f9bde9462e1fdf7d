package dev.voicegen.audio.broadcast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.measure.LoudnessMeter;
import dev.voicegen.audio.measure.SpeechActivity;
import dev.voicegen.audio.measure.TruePeakMeter;
import dev.voicegen.audio.seed.ProcessedVoice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The broadcast chain on real speech (the seed corpus: espeak-ng altered with sox). */
class BroadcastPreprocessorTest {
  private static AudioClip clip(String name) throws IOException {
    return AudioDecoder.decode(Path.of("src/test/resources/seed/clips", name));
  }

  /** Longest run of non-speech frames, in ms. */
  private static long longestPauseMs(AudioClip mono) {
    SpeechActivity vad = SpeechActivity.create();
    boolean[] speech = vad.speechFrames(mono);
    int run = 0;
    int longest = 0;
    for (boolean s : speech) {
      run = s ? 0 : run + 1;
      longest = Math.max(longest, run);
    }
    return (long) longest * vad.frameMillis();
  }

  @Test
  void stereoClipBecomesMonoAtTheTargetLoudnessWithStepsLogged() throws IOException {
    AudioClip in = clip("stereo44k.wav");
    ProcessedVoice out = BroadcastPreprocessor.process(in);
    assertEquals(1, out.audio().channelCount());
    assertEquals(22050, out.audio().sampleRate());
    double lufs = LoudnessMeter.integratedLufs(out.audio());
    double peak = TruePeakMeter.measure(out.audio()).truePeakDbtp();
    assertTrue(Math.abs(lufs + 20) < 0.1 || peak > -1.05, "at -20 LUFS unless held by the ceiling: " + lufs);
    assertTrue(peak <= -0.95, "true peak under the ceiling: " + peak);
    assertTrue(out.resampled());
    assertTrue(out.steps().stream().anyMatch(s -> s.startsWith("high-pass 70 Hz")), out.steps().toString());
    assertTrue(out.steps().stream().anyMatch(s -> s.startsWith("loudness ")), out.steps().toString());
  }

  @Test
  void longPausesAreShortenedAndEdgesTrimmedButSpeechKept() throws IOException {
    AudioClip in = clip("pauses_mono22k.wav");
    ProcessedVoice out = BroadcastPreprocessor.process(in);
    assertTrue(longestPauseMs(in.toMono()) > 1000, "the fixture has long pauses");
    assertTrue(longestPauseMs(out.audio()) <= 700 + 60, "pauses cut to the limit: " + longestPauseMs(out.audio()));
    assertTrue(out.trimmedMs() > 0);
    double speechIn = SpeechActivity.create().speechRatio(in.toMono()) * in.durationSeconds();
    double speechOut = SpeechActivity.create().speechRatio(out.audio()) * out.audio().durationSeconds();
    assertTrue(speechOut > 0.9 * speechIn, "speech kept: " + speechIn + " -> " + speechOut);
  }

  @Test
  void overThirtySecondsKeepsTheWindowWithTheMostSpeech() throws IOException {
    AudioClip in = clip("long16k.wav");
    // append 20 s of near silence so the speechiest window is at the start
    float[] speech = in.toMono().channel(0);
    float[] padded = Arrays.copyOf(speech, speech.length + 20 * in.sampleRate());
    for (int i = speech.length; i < padded.length; i++) {
      padded[i] = (float) (1e-4 * Math.sin(i * 0.1));
    }
    ProcessedVoice out = BroadcastPreprocessor.process(AudioClip.mono(in.sampleRate(), padded));
    assertTrue(out.audio().durationSeconds() <= 30.0 + 1e-9, "" + out.audio().durationSeconds());
    assertTrue(SpeechActivity.create().speechRatio(out.audio()) > 0.5);
  }

  @Test
  void highPassRemovesRumble() {
    int rate = 22050;
    float[] x = new float[rate * 2];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 30 * i / rate) + 0.1 * Math.sin(2 * Math.PI * 1000 * i / rate));
    }
    float[] y = Biquad.highPass(rate, 70, 0.5411961).apply(Biquad.highPass(rate, 70, 1.3065630).apply(x));
    double rumbleIn = 0;
    double rumbleOut = 0;
    for (int i = rate; i < x.length; i++) {
      rumbleIn += x[i] * x[i];
      rumbleOut += y[i] * y[i];
    }
    // 30 Hz is over an octave below the corner: a 4th-order high-pass takes it down ~25 dB or more
    assertTrue(10 * Math.log10(rumbleOut / rumbleIn) < -12, "energy mostly the 1 kHz tone now");
  }

  @Test
  void outputFinisherTrimsAndNormalises() throws IOException {
    AudioClip in = clip("lead_trail11k.wav");
    OutputFinisher.Finished f = OutputFinisher.finish(in.toMono(), -23);
    assertTrue(f.trimmedMs() > 0);
    assertTrue(Math.abs(f.lufs() + 23) < 0.1 || f.truePeakDbtp() > -1.05, f.toString());
  }
}
