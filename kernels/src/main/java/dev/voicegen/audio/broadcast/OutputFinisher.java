package dev.voicegen.audio.broadcast;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.measure.SpeechActivity;
import java.io.Serializable;

/**
 * Post-processing of generated speech before it is written: silence trimmed at the edges (a
 * little padding kept) and loudness normalised to {@code --outputLufs} under a true-peak ceiling.
 */
public final class OutputFinisher {
  /** Default loudness of generated audio: EBU R128's programme target. */
  public static final double DEFAULT_LUFS = -23.0;
  /** True-peak ceiling of generated audio (EBU R128 max true peak). */
  public static final double TRUE_PEAK_CEILING_DBTP = -1.0;
  static final int EDGE_PADDING_MS = 50;

  private OutputFinisher() {}

  /**
   * The finished speech and what was done.
   *
   * @param audio the speech to write
   * @param trimmedMs silence removed at the edges
   * @param gainDb loudness gain applied
   * @param lufs integrated loudness of {@code audio}, null when not measurable
   * @param truePeakDbtp true peak of {@code audio}
   */
  public record Finished(AudioClip audio, long trimmedMs, double gainDb, Double lufs, Double truePeakDbtp)
      implements Serializable {}

  public static Finished finish(AudioClip speech, double targetLufs) {
    int[] edges = SpeechEdges.find(speech, SpeechActivity.create(), EDGE_PADDING_MS);
    AudioClip trimmed = speech.slice(edges[0], edges[1]);
    long trimmedMs = Math.round(1000.0 * (speech.frames() - trimmed.frames()) / speech.sampleRate());
    LoudnessNormalizer.Result loud =
        LoudnessNormalizer.normalize(trimmed, targetLufs, TRUE_PEAK_CEILING_DBTP);
    return new Finished(loud.audio(), trimmedMs, loud.gainDb(), loud.lufsAfter(), loud.truePeakAfter());
  }
}
