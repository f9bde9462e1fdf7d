package dev.voicegen.quality;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.dsp.Resampler;

/**
 * The signal both quality models read: one channel (channels averaged) at 16 kHz, resampled with
 * the project's resampler when the clip has another rate. The references read 16 kHz mono files.
 */
final class MonoInput {
  /** The rate both DNSMOS and Silero VAD v5 (at its 512-sample chunk) are trained on. */
  static final int RATE = 16_000;

  private MonoInput() {}

  /** The clip as 16 kHz mono samples; callers must not modify the array. */
  static float[] at16k(AudioClip clip) {
    AudioClip mono = clip.toMono();
    if (mono.sampleRate() == RATE) {
      return mono.channel(0);
    }
    return Resampler.resample(mono.channel(0), mono.sampleRate(), RATE);
  }
}
