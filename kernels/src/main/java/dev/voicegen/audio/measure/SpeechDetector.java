package dev.voicegen.audio.measure;

import dev.voicegen.audio.AudioClip;

/**
 * Where a clip has speech, frame by frame. The energy detector ({@link SpeechActivity}) is always
 * there; a model-based one (Silero VAD, in the {@code quality} package) takes its place where the
 * model is installed. Defined here so that the audio kernels that use a detector (speech ratio,
 * edge trimming, the broadcast chain's pauses and window) do not depend on the models.
 */
public interface SpeechDetector {
  /** What measured: {@code energy} or {@code silero}, as the {@code ref_vad} column says. */
  String name();

  /** Samples per decision frame at this sample rate. */
  int frameSamples(int sampleRate);

  /** The decision for each whole frame, in time order; a trailing part frame has none. */
  boolean[] speechFrames(AudioClip clip);

  /** Speech frames / all frames, in [0, 1]; null when the clip is shorter than one frame. */
  default Double speechRatio(AudioClip clip) {
    boolean[] speech = speechFrames(clip);
    if (speech.length == 0) {
      return null;
    }
    return count(speech) / (double) speech.length;
  }

  /** Seconds of speech: the speech frames times the frame length. */
  default double speechSeconds(AudioClip clip) {
    return count(speechFrames(clip)) * (double) frameSamples(clip.sampleRate()) / clip.sampleRate();
  }

  private static int count(boolean[] frames) {
    int n = 0;
    for (boolean s : frames) {
      if (s) {
        n++;
      }
    }
    return n;
  }
}
