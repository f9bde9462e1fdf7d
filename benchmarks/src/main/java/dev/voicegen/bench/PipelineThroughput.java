package dev.voicegen.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.onnx.NativeHugePages;
import dev.voicegen.synth.EngineSpec;
import dev.voicegen.synth.SpeechEngine;
import dev.voicegen.synth.SynthesisRequest;
import dev.voicegen.synth.SynthesisResult;
import dev.voicegen.synth.XttsSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * bin/bench-pipeline: the same rows through the XTTS engine alone, in batches of B, and through the
 * whole {@code run} job (a separate JVM on the shaded voicegen jar, DirectRunner); prints both
 * throughputs, their ratio and the job's synthesis batch sizes (from its summary.json).
 *
 * <pre>
 * PipelineThroughput --modelDir=DIR --jar=voicegen.jar [--rows=64] [--batch=16] [--maxCodes=41]
 *     [--device=cpu|cuda] [--work=DIR] [--rounds=1] [--qualityModelDir=DIR] [--jitDirectives=on|off|both]
 * </pre>
 *
 * <p>Rows are of one language and one text-length bucket (32 to 63 characters), half on each of
 * two demo voices. Engine throughput counts synthesis only (the model is loaded and the voices
 * prepared beforehand); job throughput is rows over the job's {@code wall_time_s}, which includes
 * reading, model loading in the job, voice preparation and writing. Three ratios come out of the
 * one run: {@code job/engine} (the whole job against the engine's synthesis alone, printed with its
 * ceiling: the job's own model load alone caps it), {@code cold_start} (the engine's load counted
 * too, as the job's wall time counts the job's) and {@code batches} (the engine's batches alone
 * against the same batches inside the job: how well the job feeds the engine).
 * Each half runs in a JVM of its own, from cold; the job starts as bin/voicegen starts it (bin/voicegen-java),
 * so from the second job on (the first writes it) its JVM maps its classes from the class-data archive
 * ({@code class_archive=mapped} on its line).
 * {@code --device} goes to both: the engine's and the job's own {@code --device} option.
 * {@code --jitDirectives=on|off|both}: the job with bin/voicegen-java's compiler directives
 * (bin/jit-directives.json, the default, as bin/voicegen runs it), without them, or both in turn each round,
 * which also prints what the directives save (the job's wall time without over with, and both fixed costs).
 * {@code --qualityModelDir} goes to the job (default: {@code models/} of the repository, where
 * {@code bin/voicegen models pull} puts them): with DNSMOS there the job scores every output and every
 * reference, as a user's job does, which the engine alone never does; the job's line says which models it had
 * ({@code quality_models=}, from its summary.json). With
 * {@code --rounds=N} the engine and the job run N times in turn and the ratios are medians.
 */
public final class PipelineThroughput {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The target: the job keeps at least 85 % of the engine's throughput. */
  private static final double TARGET_RATIO = 0.85;

  private static final List<String> VOICES = List.of("alice.wav", "carla_48k.wav");

  private PipelineThroughput() {}

  public static void main(String[] args) throws Exception {
    run(args, System.out);
  }

  static void run(String[] args, PrintStream out) throws IOException, InterruptedException {
    Map<String, String> opt =
        BenchCommand.parse(args, List.of("modelDir", "jar", "rows", "batch", "maxCodes", "device", "work", "rounds",
            "engineOnly", "qualityModelDir", "jitDirectives"));
    Path modelDir = Path.of(required(opt, "modelDir"));
    Path jar = Path.of(required(opt, "jar"));
    int rows = Integer.parseInt(opt.getOrDefault("rows", "64"));
    int batch = Integer.parseInt(opt.getOrDefault("batch", "16"));
    int maxCodes = Integer.parseInt(opt.getOrDefault("maxCodes", "41"));
    String device = opt.getOrDefault("device", "cpu");
    Path qualityModels = Path.of(opt.getOrDefault("qualityModelDir", BenchCorpus.root().resolve("models").toString()));
    int roundCount = Integer.parseInt(opt.getOrDefault("rounds", "1"));
    JitDirectives jit = JitDirectives.parse(opt.getOrDefault("jitDirectives", "on"));
    if (roundCount < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + roundCount);
    }
    Path work = Path.of(opt.getOrDefault("work", Files.createTempDirectory("bench-pipeline").toString()));
    Path manifest = writeManifest(work.resolve("in"), rows);
    if (opt.containsKey("engineOnly")) {
      engineAlone(modelDir, device, manifest, rows, batch, maxCodes, out);
      return;
    }
    // both JVMs below inherit this one's environment, GLIBC_TUNABLES included (bin/native-env.sh)
    out.printf(Locale.ROOT, "pipeline model=%s device=%s rows=%d batch=%d max_codes=%d cores=%d load_average=%s | %s%n",
        modelDir, device, rows, batch, maxCodes, Runtime.getRuntime().availableProcessors(),
        SeedChainComparison.loadAverage(), NativeHugePages.describe());

    List<Ratios> rounds = new ArrayList<>();
    List<JitPair> jitPairs = new ArrayList<>();
    double meanBatch = 0;
    for (int round = 1; round <= roundCount; round++) {
      // each round: the engine alone, then the job, so both see the machine of the same minutes
      double[] engine = engineInItsOwnJvm(args, work, out);
      Path roundDir = roundCount == 1 ? work : work.resolve("round-" + round);
      Job job = null;
      Job without = null;
      // --jitDirectives=both: the job with and without, in turn, the first of them alternating by round; the
      // one without is then only the comparison, the ratios above are the job's with them
      for (boolean directives : jit.order(round)) {
        boolean comparison = jit == JitDirectives.BOTH && !directives;
        Path dir = comparison ? roundDir.resolve("without-jit-directives") : roundDir;
        Job j = job(jar, manifest, modelDir, device, batch, maxCodes, qualityModels, dir, directives, round, out);
        if (comparison) {
          without = j;
        } else {
          job = j;
        }
      }
      meanBatch = job.sizes().path("mean").asDouble();
      Ratios r = new Ratios(engine[0], engine[2], engine[1], job.wallS(), job.loadS(), job.batchS(), rows, job.ok());
      rounds.add(r);
      out.printf(Locale.ROOT, "pipeline round=%d job/engine=%.3f cold_start=%.3f batches=%.3f%n", round, r.strict(),
          r.coldStart(), r.batches());
      if (without != null) {
        JitPair pair = new JitPair(job, without);
        jitPairs.add(pair);
        out.printf(Locale.ROOT, "pipeline jit round=%d fixed_s=%.1f without_directives_fixed_s=%.1f"
            + " wall_without/wall_with=%.3f%n", round, job.fixedS(), without.fixedS(), pair.wallRatio());
      }
    }
    double strict = median(rounds, Ratios::strict);
    double cold = median(rounds, Ratios::coldStart);
    double batches = median(rounds, Ratios::batches);
    String of = roundCount == 1 ? "" : " (median of " + roundCount + " rounds)";
    out.printf(Locale.ROOT, "pipeline ratio job/engine=%.3f%s (rows/s of the whole job over the engine's synthesis"
        + " alone; target >= %.2f: %s; ceiling %.3f: the job's own model load alone allows no more)%n",
        strict, of, TARGET_RATIO, verdict(strict), median(rounds, Ratios::strictCeiling));
    out.printf(Locale.ROOT, "pipeline ratio cold_start=%.3f%s (both from a cold start, each loading its model;"
        + " target >= %.2f: %s)%n", cold, of, TARGET_RATIO, verdict(cold));
    out.printf(Locale.ROOT, "pipeline ratio batches=%.3f%s (the engine's batches alone over the same engine's"
        + " batches inside the job; target >= %.2f: %s) mean_batch=%.2f of %d%n", batches, of, TARGET_RATIO,
        verdict(batches), meanBatch, batch);
    if (!jitPairs.isEmpty()) {
      out.printf(Locale.ROOT, "pipeline ratio jit_directives=%.3f%s (the job's wall time without bin/jit-directives.json"
          + " over with it; its fixed cost, wall time less its batches: %.1f s with, %.1f s without)%n",
          SeedChainComparison.median(jitPairs.stream().mapToDouble(JitPair::wallRatio).toArray()), of,
          SeedChainComparison.median(jitPairs.stream().mapToDouble(p -> p.with().fixedS()).toArray()),
          SeedChainComparison.median(jitPairs.stream().mapToDouble(p -> p.without().fixedS()).toArray()));
    }
  }

  /** Which jobs a round runs: with bin/voicegen-java's compiler directives (its default), without, or both. */
  enum JitDirectives {
    ON, OFF, BOTH;

    static JitDirectives parse(String value) {
      try {
        return valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--jitDirectives must be on, off or both, got " + value, e);
      }
    }

    /** The jobs of round {@code round}: true for the one with the directives. */
    List<Boolean> order(int round) {
      return switch (this) {
        case ON -> List.of(true);
        case OFF -> List.of(false);
        case BOTH -> round % 2 == 1 ? List.of(true, false) : List.of(false, true);
      };
    }
  }

  /** What a job's summary.json says of it. */
  record Job(double wallS, double loadS, double batchS, long ok, JsonNode sizes) {
    /** The job's wall time less its synthesis batches: its start, its load, its end. */
    double fixedS() {
      return wallS - batchS;
    }
  }

  /** A round's job with the compiler directives and the same job without them. */
  record JitPair(Job with, Job without) {
    /** The job's wall time without the directives over with them. */
    double wallRatio() {
      return without.wallS() / with.wallS();
    }
  }

  /** Runs one job and prints its line. */
  private static Job job(Path jar, Path manifest, Path modelDir, String device, int batch, int maxCodes,
      Path qualityModels, Path dir, boolean directives, int round, PrintStream out)
      throws IOException, InterruptedException {
    boolean archive = classArchiveFor(jar);
    JsonNode summary = runJob(jobCommand(jar, manifest, dir.resolve("out"), modelDir, device, batch, maxCodes,
        qualityModels, dir), dir, directives);
    JsonNode sizes = summary.path("metrics").path("distributions").path("synthesize.batch_size");
    Job job = new Job(summary.path("wall_time_s").asDouble(), summary.path("engine_load_s").asDouble(Double.NaN),
        summary.path("metrics").path("distributions").path("synthesize.batch_ms").path("sum").asDouble() / 1e3,
        summary.path("rows_ok").asLong(), sizes);
    out.printf(Locale.ROOT, "pipeline job round=%d rows_ok=%d wall_s=%.1f engine_load_s=%.1f batches_s=%.1f"
        + " rows_per_s=%.3f batches=%d batch_mean=%.2f batch_min=%d batch_max=%d class_archive=%s"
        + " quality_models=%s jit_directives=%s load_average=%s%n",
        round, job.ok(), job.wallS(), job.loadS(), job.batchS(), job.ok() / job.wallS(), sizes.path("count").asLong(),
        sizes.path("mean").asDouble(), sizes.path("min").asLong(), sizes.path("max").asLong(),
        archive ? "mapped" : "written", qualityModels(summary), directives ? "on" : "off",
        SeedChainComparison.loadAverage());
    return job;
  }

  /**
   * The engine alone in a JVM of its own, as the job has: a second load in this JVM would reuse
   * memory the first one touched (on this VM a third of the load) and run JIT-compiled code.
   * Returns {load s, synthesis s, voice preparation s} from its {@code pipeline engine} line, which it also prints.
   */
  private static double[] engineInItsOwnJvm(String[] args, Path work, PrintStream out)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        System.getProperty("bench.engineHeap", "-Xmx4g"), "-cp", System.getProperty("java.class.path"),
        PipelineThroughput.class.getName()));
    if (System.getProperty("voicegen.root") != null) {
      command.add(2, "-Dvoicegen.root=" + System.getProperty("voicegen.root"));
    }
    for (String a : args) {
      if (!a.startsWith("--rounds=") && !a.startsWith("--work=")) {
        command.add(a);
      }
    }
    command.add("--work=" + work);
    command.add("--engineOnly=true");
    Process engine = new ProcessBuilder(command).redirectErrorStream(true).start();
    String line = null;
    StringBuilder all = new StringBuilder();
    try (var reader = engine.inputReader()) {
      for (String l = reader.readLine(); l != null; l = reader.readLine()) {
        all.append(l).append('\n');
        if (l.startsWith("pipeline engine ")) {
          line = l;
        }
      }
    }
    if (engine.waitFor() != 0 || line == null) {
      throw new IllegalStateException("the engine alone failed (exit " + engine.exitValue() + "):\n" + all);
    }
    out.println(line);
    return new double[] {field(line, "load_s"), field(line, "wall_s"), field(line, "prepare_s")};
  }

  /** A number {@code name=value} of a printed line. */
  static double field(String line, String name) {
    for (String token : line.split(" ")) {
      if (token.startsWith(name + "=")) {
        return Double.parseDouble(token.substring(name.length() + 1));
      }
    }
    throw new IllegalArgumentException("no " + name + " in: " + line);
  }

  /** Runs the job in a JVM of its own (log in {@code dir}/job.log) and returns its summary.json. */
  private static JsonNode runJob(List<String> command, Path dir, boolean jitDirectives)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("job.log").toFile());
    pb.environment().put("VOICEGEN_JAVA_OPTS",
        System.getProperty("bench.jobHeap", System.getenv().getOrDefault("VOICEGEN_JAVA_OPTS", "-Xmx4g")));
    pb.environment().put("VOICEGEN_JIT_DIRECTIVES", jitDirectives ? "1" : "0");
    Process job = pb.start();
    int exit = job.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("the job failed (exit " + exit + "); see " + dir.resolve("job.log"));
    }
    return JSON.readTree(dir.resolve("out/summary.json").toFile());
  }

  static double median(List<Ratios> rounds, ToDoubleFunction<Ratios> ratio) {
    return SeedChainComparison.median(rounds.stream().mapToDouble(ratio).toArray());
  }

  private static String verdict(double ratio) {
    return ratio >= TARGET_RATIO ? "met" : "NOT met";
  }

  /**
   * The three ways the job is set against the engine alone, from what both runs measured.
   *
   * @param engineLoadS the engine's model load, alone
   * @param enginePrepareS the engine's decoding and preparing of the reference voices, alone
   * @param engineS the engine's synthesis of every row, alone
   * @param jobWallS the job's wall_time_s (its model load included)
   * @param jobLoadS the job's engine_load_s
   * @param jobBatchS the sum of the job's synthesis batch times
   */
  record Ratios(double engineLoadS, double enginePrepareS, double engineS, double jobWallS, double jobLoadS,
      double jobBatchS, int rows, long jobRows) {
    /** Rows per second of the whole job over rows per second of the engine's synthesis alone. */
    double strict() {
      return (jobRows / jobWallS) / (rows / engineS);
    }

    /** strict() for a job whose every step but its model load took no time. */
    double strictCeiling() {
      return engineS / (engineS + jobLoadS);
    }

    /** Both from a cold start: the engine alone also loads its model and prepares the voices. */
    double coldStart() {
      return (jobRows / jobWallS) / (rows / (engineLoadS + enginePrepareS + engineS));
    }

    /** The engine's own batches against the same batches run inside the job. */
    double batches() {
      return engineS / jobBatchS; // the same rows in the same batches
    }
  }

  /**
   * The {@code run} job on the shaded voicegen jar, on the engine's device, started as bin/voicegen
   * starts it: through bin/voicegen-java (its JVM options and class-data archive), in a JVM of its own.
   */
  static List<String> jobCommand(Path jar, Path manifest, Path output, Path modelDir, String device, int batch,
      int maxCodes, Path qualityModels, Path work) {
    return List.of(
        BenchCorpus.root().resolve("bin/voicegen-java").toString(), jar.toString(), "run",
        "--manifest=" + manifest, "--output=" + output, "--engine=xtts", "--modelDir=" + modelDir,
        "--device=" + device, "--batchSize=" + batch, "--maxCodes=" + maxCodes,
        "--qualityModelDir=" + qualityModels, "--logDir=" + work.resolve("logs"));
  }

  /**
   * The quality models the job had, from its summary.json's {@code quality_models}: {@code dnsmos+silero_vad},
   * one of them, {@code none}, or {@code unknown} when the summary does not say.
   */
  static String qualityModels(JsonNode summary) {
    JsonNode q = summary.path("quality_models");
    if (!q.isObject()) {
      return "unknown";
    }
    List<String> had = new ArrayList<>();
    for (String model : List.of("dnsmos", "silero_vad")) {
      if (q.path(model).asBoolean(false)) {
        had.add(model);
      }
    }
    return had.isEmpty() ? "none" : String.join("+", had);
  }

  /**
   * Whether the job's JVM will map its classes from a class-data archive that an earlier {@code run}
   * of this jar wrote (bin/voicegen-java); a job without one writes it at exit.
   */
  static boolean classArchiveFor(Path jar) throws IOException {
    FileTime built = Files.getLastModifiedTime(jar);
    try (var files = Files.newDirectoryStream(jar.toAbsolutePath().getParent(), "voicegen-run-*.jsa")) {
      for (Path f : files) {
        if (Files.getLastModifiedTime(f).compareTo(built) > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Synthesises the manifest's rows in batches of {@code batch}; returns {load s, synthesis s,
   * voice preparation s}.
   */
  static double[] engineAlone(Path modelDir, String device, Path manifest, int rows, int batch, int maxCodes,
      PrintStream out) throws IOException {
    XttsSettings d = XttsSettings.defaults();
    XttsSettings xtts = new XttsSettings(d.temperature(), d.topK(), d.topP(), d.repetitionPenalty(),
        maxCodes, d.seed(), d.threads());
    EngineSpec spec = EngineSpec.resolve("xtts", modelDir.toString(), device, "espeak-ng", xtts);
    long t0 = System.nanoTime();
    try (SpeechEngine engine = spec.load()) {
      double loadS = (System.nanoTime() - t0) / 1e9;
      List<Serializable> states = new ArrayList<>();
      long prepareStart = System.nanoTime();
      for (String voice : VOICES) {
        AudioClip clip = AudioDecoder.decode(manifest.resolveSibling("voices/" + voice));
        states.add(engine.prepareVoice(voice, clip));
      }
      double prepareS = (System.nanoTime() - prepareStart) / 1e9;
      List<String> lines = Files.readAllLines(manifest);
      List<SynthesisRequest> all = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        String[] f = lines.get(i + 1).split(",");
        String text = f[1].replace("\"", "");
        all.add(new SynthesisRequest(f[0], text, "en", VOICES.get(i % 2), null, states.get(i % 2)));
      }
      long start = System.nanoTime();
      int failed = 0;
      for (int from = 0; from < rows; from += batch) {
        for (SynthesisResult r : engine.synthesize(all.subList(from, Math.min(rows, from + batch)))) {
          failed += r.ok() ? 0 : 1;
        }
      }
      double s = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "pipeline engine load_s=%.1f prepare_s=%.2f rows=%d failed=%d wall_s=%.1f"
          + " rows_per_s=%.3f load_average=%s%n", loadS, prepareS, rows, failed, s, rows / s,
          SeedChainComparison.loadAverage());
      return new double[] {loadS, s, prepareS};
    }
  }

  /** {@code rows} English rows of 32 to 63 characters (one length bucket), alternating two voices. */
  static Path writeManifest(Path dir, int rows) throws IOException {
    Files.createDirectories(dir.resolve("voices"));
    for (String voice : VOICES) {
      Path target = dir.resolve("voices/" + voice);
      if (!Files.exists(target)) {
        Files.copy(BenchCorpus.root().resolve("run-configs/demo/voices/" + voice), target);
      }
    }
    List<String> lines = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    for (int i = 0; i < rows; i++) {
      lines.add(String.format(Locale.ROOT, "row-%03d,\"Row %d of the pipeline benchmark.\",voices/%s,en,",
          i, i, VOICES.get(i % 2)));
    }
    return Files.write(dir.resolve("manifest.csv"), lines);
  }

  private static String required(Map<String, String> opt, String key) {
    String v = opt.get(key);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return v;
  }
}
