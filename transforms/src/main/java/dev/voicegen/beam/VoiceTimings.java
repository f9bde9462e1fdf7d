package dev.voicegen.beam;

import java.io.Serializable;

/** Elapsed milliseconds of the per-sample stages; shared by every row using the sample. */
public record VoiceTimings(double decodeMs, double analyzeMs, double optimizeMs, double preprocessMs)
    implements Serializable {
  public static final VoiceTimings NONE = new VoiceTimings(0, 0, 0, 0);

  VoiceTimings withDecode(double ms) {
    return new VoiceTimings(ms, analyzeMs, optimizeMs, preprocessMs);
  }

  VoiceTimings withAnalyze(double ms) {
    return new VoiceTimings(decodeMs, ms, optimizeMs, preprocessMs);
  }

  VoiceTimings withOptimize(double ms) {
    return new VoiceTimings(decodeMs, analyzeMs, ms, preprocessMs);
  }

  VoiceTimings withPreprocess(double ms) {
    return new VoiceTimings(decodeMs, analyzeMs, optimizeMs, ms);
  }
}
