package dev.voicegen.quality;

import java.util.List;

/**
 * Silero VAD on one clip: the speech probability of every 512-sample chunk (32 ms at 16 kHz) and
 * the speech segments get_speech_timestamps derives from them.
 */
public record VadResult(float[] chunkProbabilities, List<SpeechSegment> segments) {
  public VadResult {
    segments = List.copyOf(segments);
  }

  /**
   * The summed length of the segments in their rounded seconds, as the goldens' speech_s; to the
   * millisecond, so that sums of tenths print as tenths.
   */
  public double speechSeconds() {
    double s = 0;
    for (SpeechSegment seg : segments) {
      s += seg.durationS();
    }
    return Math.round(s * 1000) / 1000.0;
  }
}
