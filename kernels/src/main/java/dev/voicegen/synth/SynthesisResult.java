package dev.voicegen.synth;

import dev.voicegen.audio.AudioClip;
import java.io.Serializable;

/**
 * The outcome for one request: audio, or why there is none.
 *
 * @param audio the speech, mono; null on failure
 * @param seed the sampling seed used, or null for deterministic engines
 * @param speakerSimilarity cosine of the speaker embeddings of output and reference, or null
 * @param errorClass short error kind on failure
 * @param message what went wrong on failure
 */
public record SynthesisResult(
    AudioClip audio, Long seed, Double speakerSimilarity, String errorClass, String message)
    implements Serializable {

  public static SynthesisResult of(AudioClip audio, Long seed) {
    return new SynthesisResult(audio, seed, null, null, null);
  }

  public static SynthesisResult of(AudioClip audio, Long seed, double speakerSimilarity) {
    return new SynthesisResult(audio, seed, speakerSimilarity, null, null);
  }

  public static SynthesisResult failed(String errorClass, String message) {
    return new SynthesisResult(null, null, null, errorClass, message);
  }

  public boolean ok() {
    return audio != null;
  }
}
