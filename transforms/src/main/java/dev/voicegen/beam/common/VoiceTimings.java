package dev.voicegen.beam.common;

import java.io.Serializable;

/** Elapsed milliseconds of the per-sample stages; shared by every row using the sample. */
public record VoiceTimings(double decodeMs, double analyzeMs, double optimizeMs, double preprocessMs)
    implements Serializable {
  public static final VoiceTimings NONE = new VoiceTimings(0, 0, 0, 0);

  public VoiceTimings withDecode(double ms) {
    return new VoiceTimings(ms, analyzeMs, optimizeMs, preprocessMs);
  }

  public VoiceTimings withAnalyze(double ms) {
    return new VoiceTimings(decodeMs, ms, optimizeMs, preprocessMs);
  }

  public VoiceTimings withOptimize(double ms) {
    return new VoiceTimings(decodeMs, analyzeMs, ms, preprocessMs);
  }

  public VoiceTimings withPreprocess(double ms) {
    return new VoiceTimings(decodeMs, analyzeMs, optimizeMs, ms);
  }
}
