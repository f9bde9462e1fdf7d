package dev.voicegen.synth;

import dev.voicegen.audio.AudioClip;
import java.io.Serializable;

/**
 * The outcome for one request: audio, or why there is none.
 *
 * @param audio the speech, mono; null on failure
 * @param seed the sampling seed used, or null for deterministic engines
 * @param errorClass short error kind on failure
 * @param message what went wrong on failure
 */
public record SynthesisResult(AudioClip audio, Long seed, String errorClass, String message)
    implements Serializable {

  public static SynthesisResult of(AudioClip audio, Long seed) {
    return new SynthesisResult(audio, seed, null, null);
  }

  public static SynthesisResult failed(String errorClass, String message) {
    return new SynthesisResult(null, null, errorClass, message);
  }

  public boolean ok() {
    return audio != null;
  }
}
