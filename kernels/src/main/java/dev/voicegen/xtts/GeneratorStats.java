package dev.voicegen.xtts;

/**
 * Where a generator's time went: wall time of prefill and decode steps, and the part of it spent
 * inside {@code OrtSession.run}. The rest is host work (embeddings, masks, sampling, KV compaction).
 */
public record GeneratorStats(
    long prefills, long prefillNanos, long prefillOrtNanos,
    long decodeSteps, long decodeNanos, long decodeOrtNanos, long compactions) {

  public static final GeneratorStats ZERO = new GeneratorStats(0, 0, 0, 0, 0, 0, 0);

  /** Share of decode-step wall time spent outside ONNX Runtime, in [0,1]. */
  public double decodeHostShare() {
    return decodeNanos == 0 ? 0 : (decodeNanos - decodeOrtNanos) / (double) decodeNanos;
  }
}
