package dev.voicegen.audio.features;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.dsp.Resampler;

/** The one channel a front end reads: channels averaged (librosa.load mono=True), then resampled. */
final class MonoSignal {
  private MonoSignal() {}

  /** The clip as one channel at {@code rate}; callers must not modify the array. */
  static float[] at(AudioClip clip, int rate) {
    AudioClip mono = clip.toMono();
    if (mono.sampleRate() == rate) {
      return mono.channel(0);
    }
    return Resampler.resample(mono.channel(0), mono.sampleRate(), rate);
  }

  static void requireSamples(float[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no audio samples");
    }
  }
}
