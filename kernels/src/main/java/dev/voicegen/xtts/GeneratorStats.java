package dev.voicegen.xtts;

/**
 * Where a generator's time went: wall time of prefill and decode steps, and the part of it spent
 * inside ONNX Runtime's run. The rest is host work (embeddings, masks, sampling, KV compaction).
 * {@code *HostBytes}: bytes handed between host memory and ONNX Runtime (inputs given from host
 * memory, outputs returned to it; on CUDA each is a PCIe copy), see {@link GptPasses#hostBytes}.
 */
public record GeneratorStats(
    long prefills, long prefillNanos, long prefillOrtNanos,
    long decodeSteps, long decodeNanos, long decodeOrtNanos, long compactions,
    long prefillHostBytes, long decodeHostBytes) {

  public static final GeneratorStats ZERO = new GeneratorStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Mean bytes handed between host memory and ONNX Runtime per decode step (compactions included). */
  public double decodeHostBytesPerStep() {
    return decodeSteps == 0 ? 0 : decodeHostBytes / (double) decodeSteps;
  }

  /** Share of decode-step wall time spent outside ONNX Runtime, in [0,1]. */
  public double decodeHostShare() {
    return decodeNanos == 0 ? 0 : (decodeNanos - decodeOrtNanos) / (double) decodeNanos;
  }
}
