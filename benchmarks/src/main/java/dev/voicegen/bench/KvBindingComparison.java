package dev.voicegen.bench;

import dev.voicegen.bench.XttsDecodeThroughput.Measurement;
import dev.voicegen.xtts.GeneratedCodes;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * bin/bench-xtts --kvBinding=both: the bound KV cache against the host path, measured in the same
 * rounds on the same rows and seeds. Prints, per batch size, the decode-throughput ratio bound/host
 * (per round and its median; target at batch 16: not lower, >= 1.0; with {@code --threads=1} also
 * per second of the calling thread's CPU, which ORT then computes on, so other load on the machine
 * does not enter), the bytes per decode step of
 * each path, and whether both gave the same codes and latents (largest latent difference).
 */
final class KvBindingComparison {
  /** issue 13: CPU decode throughput at batch 16 must not fall with the bound cache. */
  private static final double TARGET_BATCH16_RATIO = 1.0;

  private KvBindingComparison() {}

  static void print(PrintStream out, Map<Integer, List<Measurement>> bound, Map<Integer, List<Measurement>> host) {
    for (Map.Entry<Integer, List<Measurement>> e : bound.entrySet()) {
      int batch = e.getKey();
      List<Measurement> b = e.getValue();
      List<Measurement> h = host.get(batch);
      double[] ratio = new double[b.size()];
      double[] cpu = new double[b.size()];
      boolean sameCodes = true;
      double maxDiff = 0;
      for (int r = 0; r < ratio.length; r++) {
        ratio[r] = b.get(r).decodeCodesPerS() / h.get(r).decodeCodesPerS();
        cpu[r] = b.get(r).decodeCodesPerCpuS() / h.get(r).decodeCodesPerCpuS();
        List<GeneratedCodes> gb = b.get(r).generated();
        List<GeneratedCodes> gh = h.get(r).generated();
        for (int i = 0; i < gb.size(); i++) {
          sameCodes &= Arrays.equals(gb.get(i).codes(), gh.get(i).codes());
          maxDiff = Math.max(maxDiff, maxDifference(gb.get(i).latents(), gh.get(i).latents()));
        }
      }
      double med = SeedChainComparison.median(ratio);
      out.printf(Locale.ROOT, "xtts kv_binding batch=%d decode_throughput_bound_over_host=%.3fx (rounds %s)"
          + " thread_cpu=%.3fx (rounds %s)"
          + " host_bytes_per_step_bound=%.0f host_bytes_per_step_host=%.0f same_codes=%s latents_max_abs_diff=%.3g%s%n",
          batch, med, BenchCommand.joined(ratio), SeedChainComparison.median(cpu), BenchCommand.joined(cpu),
          b.get(0).hostBytesPerStep(), h.get(0).hostBytesPerStep(),
          sameCodes, maxDiff, batch == 16 ? String.format(Locale.ROOT, " target=%.1fx %s", TARGET_BATCH16_RATIO,
              med >= TARGET_BATCH16_RATIO ? "MET" : "MISSED") : "");
    }
  }

  private static double maxDifference(float[][] a, float[][] b) {
    if (a.length != b.length) {
      return Double.POSITIVE_INFINITY;
    }
    double max = 0;
    for (int t = 0; t < a.length; t++) {
      for (int j = 0; j < a[t].length; j++) {
        max = Math.max(max, Math.abs(a[t][j] - b[t][j]));
      }
    }
    return max;
  }
}
