package dev.voicegen.whisper;

/**
 * Where a transcriber's time went: the log-mel front end (resampling included), then wall time of
 * encoder runs, language detection (the uncached run on {@code <|startoftranscript|>}, which also
 * computes the cross-attention K/V that the prompt step then reuses), the prompt step and the cached
 * decode steps, each with the part spent inside {@code OrtSession.run}. The rest is host work (tensor building, argmax, KV
 * compaction), as in the XTTS GeneratorStats.
 */
public record TranscriberStats(
    long windows, long featureNanos, long encoderRuns, long encoderNanos, long encoderOrtNanos,
    long detections, long detectionNanos, long detectionOrtNanos,
    long prefills, long prefillNanos, long prefillOrtNanos,
    long decodeSteps, long decodeNanos, long decodeOrtNanos, long compactions, long totalNanos) {

  /** Share of decode-step wall time spent outside ONNX Runtime, in [0,1]. */
  public double decodeHostShare() {
    return decodeNanos == 0 ? 0 : (decodeNanos - decodeOrtNanos) / (double) decodeNanos;
  }

  /** Share of all transcription wall time spent inside ONNX Runtime, in [0,1]. */
  public double ortShare() {
    long ort = encoderOrtNanos + detectionOrtNanos + prefillOrtNanos + decodeOrtNanos;
    return totalNanos == 0 ? 0 : ort / (double) totalNanos;
  }
}
