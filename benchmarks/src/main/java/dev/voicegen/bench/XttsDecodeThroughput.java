package dev.voicegen.bench;

import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.NativeHugePages;
import dev.voicegen.xtts.GeneratedCodes;
import dev.voicegen.xtts.GenerationRequest;
import dev.voicegen.xtts.GeneratorStats;
import dev.voicegen.xtts.GptGenerator;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.xtts.SamplingParams;
import dev.voicegen.xtts.XttsModel;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * bin/bench-xtts: batched XTTS code generation on a model directory (the full-size random-weight
 * model of make_model.py --full, or the tiny fixture for a smoke test), a fixed number of decode
 * steps per row, every batch size measured in alternating rounds of one run.
 *
 * <pre>
 * XttsDecodeThroughput --modelDir=DIR [--steps=40] [--batches=1,4,16,32] [--device=cpu|cuda]
 *     [--threads=0] [--rounds=2] [--textTokens=24] [--no-vocode] [--kvBinding=on|off|both]
 * </pre>
 *
 * <p>{@code --kvBinding}: the KV cache stays in ONNX Runtime's memory (on), goes through host
 * memory (off, the reference path), as the engine's default does (auto: on for CUDA, off for CPU), or both in alternating rounds of one run, which
 * prints the bound/host decode-throughput ratio per batch size and checks that both paths gave the
 * same codes and latents on the same rows.
 *
 * <p>Rows are capped at steps+1 codes (the prefill's code plus one per decode step). STOP cannot be
 * masked from outside the generator, so a row may stop earlier; the output reports the rows that
 * did and the decode steps actually run. A model made with {@code make_model.py --full DIR
 * --stop-after 1000} keeps STOP out of reach at every mel position (what bin/bench-xtts builds).
 * Output lines are {@code key=value} pairs, one {@code xtts batch=...} line per batch size.
 */
public final class XttsDecodeThroughput {
  /** XTTS v2 HiFi-GAN: 1024 * 24000 / 22050 output samples per code (specs/xtts-onnx.md step 7). */
  static final double SAMPLES_PER_CODE = 1114.6;
  static final int OUTPUT_RATE = 24_000;
  // targets of the benchmark issue
  private static final double TARGET_BATCH16_SPEEDUP = 6.0;
  private static final double TARGET_HOST_SHARE_B32 = 0.10;

  /** One batch size's measurement (the round with the median wall time). */
  record Measurement(int batch, int rowsStopped, long decodeSteps, long codes, double wallS,
      double prefillS, double decodeS, double stepS, double hostShare, double vocodeS, double decodeCpuS,
      String kv, double hostBytesPerStep, List<GeneratedCodes> generated) {
    double codesPerS() {
      return codes / wallS;
    }

    double decodeCodesPerS() {
      return decodeS == 0 ? 0 : (codes - batch) / decodeS; // the prefill's code is not a decode step's
    }

    /** Decode codes per second of the calling thread's CPU time: all of ORT's work only with --threads=1. */
    double decodeCodesPerCpuS() {
      return decodeCpuS == 0 ? 0 : (codes - batch) / decodeCpuS;
    }

    double rtf() {
      return codes * SAMPLES_PER_CODE / OUTPUT_RATE / wallS;
    }

    double rtfWithVocoder() {
      return codes * SAMPLES_PER_CODE / OUTPUT_RATE / (wallS + vocodeS);
    }
  }

  private XttsDecodeThroughput() {}

  public static void main(String[] args) {
    run(args, System.out);
  }

  /** Runs the benchmark and prints its lines; returns the measurements by batch size. */
  public static Map<Integer, Measurement> run(String[] args, PrintStream out) {
    Map<String, String> opt = options(args);
    Path dir = Path.of(opt.getOrDefault("modelDir", BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS).toString()));
    int steps = Integer.parseInt(opt.getOrDefault("steps", "40"));
    int[] batches = Arrays.stream(opt.getOrDefault("batches", "1,4,16,32").split(","))
        .map(String::trim).mapToInt(Integer::parseInt).toArray();
    int rounds = Integer.parseInt(opt.getOrDefault("rounds", "2"));
    int textTokens = Integer.parseInt(opt.getOrDefault("textTokens", "24"));
    boolean vocode = !opt.containsKey("no-vocode");
    String kvOption = opt.getOrDefault("kvBinding", "auto");
    ExecutionDevice device = ExecutionDevice.parse(opt.getOrDefault("device", "cpu"));
    List<Boolean> paths = switch (kvOption) {
      case "auto" -> List.of(OnnxSessions.Settings.defaults().withDevice(device).bindKvCache());
      case "on" -> List.of(true);
      case "off" -> List.of(false);
      case "both" -> List.of(true, false);
      default -> throw new IllegalArgumentException("--kvBinding=" + kvOption + ": expected auto, on, off or both");
    };
    OnnxSessions.Settings settings = OnnxSessions.Settings.defaults()
        .withDevice(device)
        .withThreads(Integer.parseInt(opt.getOrDefault("threads", "0")))
        .withKvBinding(paths.contains(true) ? OnnxSessions.KvBinding.ON : OnnxSessions.KvBinding.OFF);
    if (!Files.isRegularFile(dir.resolve("metadata.json"))) {
      throw new IllegalArgumentException("--modelDir=" + dir + ": no metadata.json (build one with "
          + "/usr/bin/python3 kernels/src/test/resources/xtts/make_model.py --full DIR --stop-after 1000)");
    }

    long t0 = System.nanoTime();
    try (XttsModel model = XttsModel.load(dir, settings)) {
      double loadS = (System.nanoTime() - t0) / 1e9;
      int dim = model.metadata().embedDim();
      out.printf(Locale.ROOT, "xtts model=%s layers=%d dim=%d device=%s threads=%d load_s=%.1f steps=%d"
          + " codes_per_row=%d text_tokens=%d rounds=%d load_average=%s | %s%n", dir, model.metadata().nLayer(), dim,
          settings.device(), settings.intraOpThreads() > 0 ? settings.intraOpThreads()
          : Runtime.getRuntime().availableProcessors(), loadS, steps, steps + 1, textTokens, rounds,
          SeedChainComparison.loadAverage(), NativeHugePages.describe());
      out.printf(Locale.ROOT, "xtts rtf = audio seconds per wall second at %.1f samples per code, %d Hz"
          + " (XTTS v2 HiFi-GAN; the fixture vocoder makes 1024); host_share = decode-step time outside"
          + " OrtSession.run%n", SAMPLES_PER_CODE, OUTPUT_RATE);
      Map<Boolean, GptGenerator> generators = new LinkedHashMap<>();
      for (boolean bound : paths) {
        generators.put(bound, model.generator(SamplingParams.defaults().withMaxCodes(steps + 1), bound));
      }
      SplittableRandom rng = new SplittableRandom(42);
      float[][] cond = randomMatrix(rng, model.metadata().perceiverOutputLen(), dim, 0.5f);
      float[] speaker = randomMatrix(rng, 1, 512, 0.05f)[0];
      int vocab = model.directory().textVocabRows();

      // warm-up: one unmeasured round at full length per path and batch size. ORT's arena grows to
      // the longest cache and the machine first touches that memory here (slow on a VM), instead of
      // in round 1 of whichever path runs first
      for (boolean bound : paths) {
        for (int b : batches) {
          generators.get(bound).generate(requests(b, cond, textTokens, vocab, 1000));
        }
      }

      Map<Boolean, Map<Integer, List<Measurement>>> byPath = new LinkedHashMap<>();
      for (int r = 0; r < rounds; r++) {
        // the paths swap places every round, so neither always runs after the other (caches, arena growth)
        List<Boolean> order = new ArrayList<>(paths);
        if (r % 2 == 1) {
          Collections.reverse(order);
        }
        for (int b : batches) {
          for (boolean bound : order) {
            Measurement m = measure(model, generators.get(bound), requests(b, cond, textTokens, vocab, r * 100_000L),
                speaker, vocode);
            byPath.computeIfAbsent(bound, k -> new LinkedHashMap<>()).computeIfAbsent(b, k -> new ArrayList<>()).add(m);
            out.printf(Locale.ROOT, "xtts round=%d batch=%d kv=%s wall_ms=%.1f prefill_ms=%.1f step_ms=%.2f"
                + " host_share_pct=%.2f load_average=%s%n", r + 1, b, m.kv(), m.wallS() * 1e3, m.prefillS() * 1e3,
                m.stepS() * 1e3, 100 * m.hostShare(), SeedChainComparison.loadAverage().replace(' ', ','));
          }
        }
      }
      Map<Integer, Measurement> first = null;
      for (Map<Integer, List<Measurement>> byBatch : byPath.values()) {
        Map<Integer, Measurement> result = BenchCommand.medianRounds(byBatch, Measurement::wallS);
        result.values().forEach(m -> print(out, m, steps));
        summary(out, result, byBatch, settings.intraOpThreads());
        first = first == null ? result : first;
      }
      if (paths.size() == 2) {
        KvBindingComparison.print(out, byPath.get(true), byPath.get(false));
      }
      return first;
    }
  }

  private static Measurement measure(XttsModel model, GptGenerator gen, List<GenerationRequest> requests,
      float[] speaker, boolean vocode) {
    gen.resetStats();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long[] afterPrefill = new long[1];
    gen.setStepObserver((step, shape) -> {
      if (step == 0) {
        afterPrefill[0] = cpu.getCurrentThreadCpuTime();
      }
    });
    long t0 = System.nanoTime();
    List<GeneratedCodes> codes = gen.generate(requests);
    double wall = (System.nanoTime() - t0) / 1e9;
    double decodeCpuS = (cpu.getCurrentThreadCpuTime() - afterPrefill[0]) / 1e9;
    gen.setStepObserver(null);
    GeneratorStats s = gen.stats();
    int stopped = 0;
    long total = 0;
    List<float[][]> latents = new ArrayList<>();
    List<float[]> speakers = new ArrayList<>();
    for (GeneratedCodes c : codes) {
      stopped += c.stopped() ? 1 : 0;
      total += c.codes().length;
      latents.add(c.latents());
      speakers.add(speaker);
    }
    double vocodeS = 0;
    if (vocode) {
      long v0 = System.nanoTime();
      model.vocode(latents, speakers);
      vocodeS = (System.nanoTime() - v0) / 1e9;
    }
    double stepS = s.decodeSteps() == 0 ? 0 : s.decodeNanos() / 1e9 / s.decodeSteps();
    return new Measurement(requests.size(), stopped, s.decodeSteps(), total, wall, s.prefillNanos() / 1e9,
        s.decodeNanos() / 1e9, stepS, s.decodeHostShare(), vocodeS, decodeCpuS, gen.bindsKvCache() ? "bound" : "host",
        s.decodeHostBytesPerStep(), codes);
  }

  private static void print(PrintStream out, Measurement m, int steps) {
    out.printf(Locale.ROOT, "xtts batch=%d rows_stopped=%d decode_steps=%d codes=%d wall_ms=%.1f"
        + " codes_per_s=%.2f decode_codes_per_s=%.2f rtf=%.3f prefill_ms=%.1f step_ms=%.2f"
        + " host_share_pct=%.2f vocode_ms=%.1f rtf_with_vocoder=%.3f decode_cpu_ms=%.1f kv=%s"
        + " host_bytes_per_step=%.0f%n",
        m.batch(), m.rowsStopped(), m.decodeSteps(), m.codes(), m.wallS() * 1e3, m.codesPerS(),
        m.decodeCodesPerS(), m.rtf(), m.prefillS() * 1e3, m.stepS() * 1e3, 100 * m.hostShare(),
        m.vocodeS() * 1e3, m.rtfWithVocoder(), m.decodeCpuS() * 1e3, m.kv(), m.hostBytesPerStep());
    if (m.rowsStopped() > 0 || m.decodeSteps() < steps) {
      out.printf(Locale.ROOT, "xtts warning batch=%d: %d rows drew STOP, %d of %d decode steps ran;"
          + " rebuild the model with --stop-after 1000%n", m.batch(), m.rowsStopped(), m.decodeSteps(), steps);
    }
  }

  /**
   * The batch-16 speed-up is taken per round (both measured minutes apart at most, under the same
   * load) and summarised by the median; the host share at batch 32 from its median round.
   */
  private static void summary(PrintStream out, Map<Integer, Measurement> r, Map<Integer, List<Measurement>> rounds,
      int threads) {
    List<Measurement> b1 = rounds.get(1);
    List<Measurement> b16 = rounds.get(16);
    if (b1 != null && b16 != null) {
      double[] decode = new double[b1.size()];
      double[] endToEnd = new double[b1.size()];
      double[] cpu = new double[b1.size()];
      for (int i = 0; i < decode.length; i++) {
        cpu[i] = b16.get(i).decodeCodesPerCpuS() / b1.get(i).decodeCodesPerCpuS();
        decode[i] = b16.get(i).decodeCodesPerS() / b1.get(i).decodeCodesPerS();
        endToEnd[i] = b16.get(i).codesPerS() / b1.get(i).codesPerS();
      }
      double med = SeedChainComparison.median(decode);
      out.printf(Locale.ROOT, "xtts ratio batch16/batch1 decode_throughput=%.2fx (rounds %s) end_to_end=%.2fx"
          + " target=%.1fx %s%n", med, BenchCommand.joined(decode), SeedChainComparison.median(endToEnd),
          TARGET_BATCH16_SPEEDUP, med >= TARGET_BATCH16_SPEEDUP ? "MET" : "MISSED");
      // with one intra-op thread ORT computes on this thread, so CPU time ignores time-sharing with other work
      out.printf(Locale.ROOT, "xtts ratio batch16/batch1 decode_throughput_thread_cpu=%.2fx (rounds %s)%s%n",
          SeedChainComparison.median(cpu), BenchCommand.joined(cpu),
          threads == 1 ? "" : " (meaningful with --threads=1 only)");
    } else {
      out.println("xtts ratio batch16/batch1 n/a (needs batches 1 and 16)");
    }
    Measurement b32 = r.get(32);
    if (b32 != null) {
      out.printf(Locale.ROOT, "xtts host_share batch32=%.2f%% target=%.0f%% %s%n", 100 * b32.hostShare(),
          100 * TARGET_HOST_SHARE_B32, b32.hostShare() <= TARGET_HOST_SHARE_B32 ? "MET" : "MISSED");
    } else {
      out.println("xtts host_share batch32 n/a (needs batch 32)");
    }
  }

  /** Rows of equal text length (no padding), different texts and seeds. */
  static List<GenerationRequest> requests(int batch, float[][] cond, int textTokens, int vocab, long seed) {
    List<GenerationRequest> out = new ArrayList<>(batch);
    for (int i = 0; i < batch; i++) {
      int[] text = new int[textTokens];
      for (int t = 0; t < textTokens; t++) {
        text[t] = 3 + (i * 31 + t * 7) % (vocab - 3);
      }
      out.add(new GenerationRequest(cond, text, seed + i));
    }
    return out;
  }

  private static float[][] randomMatrix(SplittableRandom rng, int rows, int cols, float scale) {
    float[][] m = new float[rows][cols];
    for (float[] row : m) {
      for (int i = 0; i < cols; i++) {
        row[i] = (float) (rng.nextGaussian() * scale);
      }
    }
    return m;
  }

  private static Map<String, String> options(String[] args) {
    return BenchCommand.parse(args,
        List.of("modelDir", "steps", "batches", "device", "threads", "rounds", "textTokens", "no-vocode",
            "kvBinding"));
  }
}
