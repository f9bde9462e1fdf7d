package dev.voicegen.synth;

import dev.voicegen.audio.AudioClip;
import java.io.Serializable;

/**
 * One row to speak.
 *
 * @param id the row id
 * @param text the text
 * @param language an XTTS language code
 * @param referenceSha256 content hash of the reference sample, the key of any per-voice cache
 * @param reference the preprocessed reference sample, or null when {@code voiceState} is given
 * @param voiceState what {@link SpeechEngine#prepareVoice} made of the reference, or null
 * @param attempt which attempt at this row, from 1 ({@code --attempts}): a sampling engine draws
 *     attempt k from its own seed (see {@link XttsEngine#attemptSeed})
 */
public record SynthesisRequest(
    String id,
    String text,
    String language,
    String referenceSha256,
    AudioClip reference,
    Serializable voiceState,
    int attempt)
    implements Serializable {

  public SynthesisRequest {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt " + attempt + " of row " + id + ": attempts count from 1");
    }
  }

  /** The first attempt at a row. */
  public SynthesisRequest(
      String id,
      String text,
      String language,
      String referenceSha256,
      AudioClip reference,
      Serializable voiceState) {
    this(id, text, language, referenceSha256, reference, voiceState, 1);
  }

  /** A request that carries the reference audio itself. */
  public SynthesisRequest(
      String id, String text, String language, String referenceSha256, AudioClip reference) {
    this(id, text, language, referenceSha256, reference, null);
  }
}
