package dev.voicegen.quality;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.measure.SpeechActivity;
import dev.voicegen.audio.measure.SpeechDetector;
import java.util.List;

/**
 * Silero VAD as a {@link SpeechDetector}: a frame of the clip is speech when its centre lies in one
 * of the segments get_speech_timestamps gives (before their rounding to 0.1 s). Frames are Silero's
 * own chunk length, 32 ms, at the clip's rate.
 */
public final class SileroSpeech implements SpeechDetector {
  /** The {@link #name()} of this detector. */
  public static final String NAME = "silero";
  /** Silero VAD v5's chunk: 512 samples at 16 kHz. */
  private static final double FRAME_S = SpeechTimestamps.CHUNK / (double) MonoInput.RATE;

  private final SileroVad model;
  private final VadResult known;

  private SileroSpeech(SileroVad model, VadResult known) {
    this.model = model;
    this.known = known;
  }

  /** Runs the model on every clip it is asked about. */
  public static SileroSpeech of(SileroVad model) {
    return new SileroSpeech(model, null);
  }

  /**
   * The detector of the one clip {@code result} was computed on (so that one model run serves
   * every measurement of that clip); asked about another clip it would answer for this one.
   */
  public static SileroSpeech of(VadResult result) {
    return new SileroSpeech(null, result);
  }

  /** Silero's answers for the clip of {@code result}, or the energy detector when it is null. */
  public static SpeechDetector orEnergy(VadResult result) {
    return result == null ? SpeechActivity.create() : of(result);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int frameSamples(int sampleRate) {
    return Math.max(1, (int) Math.round(sampleRate * FRAME_S));
  }

  @Override
  public boolean[] speechFrames(AudioClip clip) {
    List<SpeechSegment> segments =
        (known != null ? known : model.detect(clip)).segments();
    int hop = frameSamples(clip.sampleRate());
    boolean[] speech = new boolean[clip.frames() / hop];
    int s = 0;
    for (int k = 0; k < speech.length; k++) {
      double centre16k = (k * (double) hop + hop / 2.0) * MonoInput.RATE / clip.sampleRate();
      while (s < segments.size() && segments.get(s).endSample() <= centre16k) {
        s++;
      }
      speech[k] = s < segments.size() && segments.get(s).startSample() <= centre16k;
    }
    return speech;
  }
}
