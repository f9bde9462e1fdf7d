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

  GeneratorStats plusPrefill(long total, long ort) {
    return new GeneratorStats(prefills + 1, prefillNanos + total, prefillOrtNanos + ort,
        decodeSteps, decodeNanos, decodeOrtNanos, compactions);
  }

  GeneratorStats plusDecode(long total, long ort, boolean compacted) {
    return new GeneratorStats(prefills, prefillNanos, prefillOrtNanos, decodeSteps + 1,
        decodeNanos + total, decodeOrtNanos + ort, compactions + (compacted ? 1 : 0));
  }
}
