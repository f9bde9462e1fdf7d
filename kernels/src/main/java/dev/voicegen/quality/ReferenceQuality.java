package dev.voicegen.quality;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.measure.SpeechActivity;
import java.io.Serializable;

/**
 * What the quality models say about one reference sample as the user supplied it: its DNSMOS
 * (null when the model is absent or the clip is empty) and its seconds of speech, from Silero VAD
 * or, without it, from the energy detector, and which of the two measured them.
 *
 * @param speechS seconds of speech: Silero's segments in their rounded seconds (as analyze's
 *     vad_speech_s), or the energy detector's speech frames
 * @param vad {@link SileroSpeech#NAME} or {@link SpeechActivity#NAME}
 */
public record ReferenceQuality(
    Double dnsmosSig, Double dnsmosBak, Double dnsmosOvrl, Double dnsmosP808, double speechS, String vad)
    implements Serializable {

  /** From the models' results on {@code clip} (either part may be null: that model is absent). */
  public static ReferenceQuality of(ClipQuality q, AudioClip clip) {
    DnsmosScore d = q.dnsmos();
    double speechS;
    String vad;
    if (q.vad() != null) {
      speechS = q.vad().speechSeconds();
      vad = SileroSpeech.NAME;
    } else {
      // to the millisecond, as Silero's sums are
      speechS = Math.round(SpeechActivity.create().speechSeconds(clip) * 1000) / 1000.0;
      vad = SpeechActivity.NAME;
    }
    return d == null
        ? new ReferenceQuality(null, null, null, null, speechS, vad)
        : new ReferenceQuality(d.sig(), d.bak(), d.ovrl(), d.p808(), speechS, vad);
  }
}
