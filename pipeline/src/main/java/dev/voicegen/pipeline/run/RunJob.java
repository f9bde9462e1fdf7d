package dev.voicegen.pipeline.run;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.TimingLog;
import dev.voicegen.beam.synthesis.DescribeRows;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.pipeline.common.DirectRunnerDefaults;
import dev.voicegen.pipeline.common.JobOutcome;
import dev.voicegen.pipeline.common.EngineLabel;
import dev.voicegen.pipeline.common.ManifestPreflight;
import dev.voicegen.pipeline.common.OptionValues;
import dev.voicegen.pipeline.common.OutputLock;
import dev.voicegen.pipeline.common.OutputOwnership;
import dev.voicegen.pipeline.common.RequiredOptions;
import dev.voicegen.pipeline.common.RuntimeInfo;
import dev.voicegen.pipeline.common.S3Setup;
import dev.voicegen.pipeline.report.ReportPage;
import dev.voicegen.synth.EngineSpec;
import dev.voicegen.synth.EngineUnavailableException;
import dev.voicegen.synth.EspeakEngine;
import dev.voicegen.synth.SharedEngines;
import dev.voicegen.synth.XttsSettings;
import dev.voicegen.whisper.WhisperModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Runs one job: checks the configuration, prepares the output, runs, writes the summary. */
public final class RunJob {
  private static final Logger LOG = LogManager.getLogger(RunJob.class);

  private RunJob() {}

  /**
   * @throws ConfigurationException when the job cannot start; the message says what to fix
   */
  public static JobOutcome run(RunOptions options) throws IOException {
    return run(options, line -> LOG.info(line));
  }

  /**
   * @param progress receives a progress line every {@code --progressSeconds} while the job runs
   * @throws ConfigurationException when the job cannot start; the message says what to fix
   */
  public static JobOutcome run(RunOptions options, Consumer<String> progress)
      throws IOException {
    Instant started = Instant.now();
    LOG.info(RuntimeInfo.host(options));
    LOG.info(RuntimeInfo.onnxRuntime());
    OptionValues.requireFinite(options, RunOptions.class);
    checkUnsupported(options);
    RequiredOptions.check(options, RunOptions.class);
    OutputLayout target = new OutputLayout(options.getOutput());
    // the engine loads (seconds, mostly one core) while the file systems are set up, the manifest,
    // the output's location and the quality models are checked and the graph is built; a dry run
    // loads none
    EngineLoading engine =
        options.getDryRun()
            ? null
            : EngineLoading.start(resolveEngine(options).withTempDir(target.engineTempFolder()));
    try {
      S3Setup.configure(options, options.getManifest(), options.getOutput());
      FileSystems.setDefaultPipelineOptions(options);
      checkManifest(options.getManifest());
      OutputOwnership.checkLocation("--output=" + options.getOutput(), target);
      ManifestPreflight.check(options.getManifest(), target.root());
      if (!options.getManifest().contains("://")) {
        // workers (Flink TaskManagers) run in other folders: hand them an absolute path
        options.setManifest(java.nio.file.Path.of(options.getManifest()).toAbsolutePath().toString());
      }
      ReferenceGating.Held quality = ReferenceGating.acquire(options);
      try {
        return runWith(options, progress, engine, quality, started);
      } finally {
        quality.release();
      }
    } finally {
      if (engine != null) {
        engine.close();
      }
    }
  }

  private static JobOutcome runWith(
      RunOptions options, Consumer<String> progress, EngineLoading loading, ReferenceGating.Held quality,
      Instant started) throws IOException {

    OutputLayout layout = new OutputLayout(options.getOutput());
    EngineSpec engine = loading == null ? null : loading.spec();
    // a first build checks what the graph checks (--preprocess, --batchSize, --mfcc, ...) before
    // the output is touched; the job's own build needs the earlier metadata that prepare finds
    build(Pipeline.create(options), new RunGraph.Plan(options, engine, layout, null));
    // validate and analyze only in a dry run (DescribeRows): no engine is resolved or loaded
    EngineLabel label = loading == null ? new EngineLabel(DescribeRows.ENGINE, false, null) : loading.await();
    if (options.getMinSpeakerSimilarity() != null && !label.voiceCloned()) {
      throw new ConfigurationException(
          "--minSpeakerSimilarity needs an engine that clones the voice (XTTS); "
              + label.name() + " gives no speaker similarity");
    }
    String option = "--output=" + options.getOutput();
    OutputLock lock;
    try {
      lock = OutputLock.acquire(option, layout);
    } catch (IOException e) {
      // e.g. an unknown bucket or refused credentials: the job cannot write its dataset
      throw new ConfigurationException(option + " cannot be prepared: " + storeAnswer(e.getMessage()), e);
    }
    try (lock) {
      return runLocked(options, progress, engine, label, quality, started, layout);
    }
  }

  /** The job under the output's lock: claim and prepare the output, run, write the summary. */
  private static JobOutcome runLocked(
      RunOptions options,
      Consumer<String> progress,
      EngineSpec engine,
      EngineLabel engineLabel,
      ReferenceGating.Held quality,
      Instant started,
      OutputLayout layout)
      throws IOException {
    RunOutput output = new RunOutput(layout);
    String previous;
    try {
      OutputOwnership.claim("--output=" + options.getOutput(), layout);
      previous = output.prepare(options.getResume());
    } catch (IOException e) {
      // e.g. an unknown bucket or refused credentials: the job cannot write its dataset
      throw new ConfigurationException(
          "--output=" + options.getOutput() + " cannot be prepared: " + storeAnswer(e.getMessage()), e);
    }

    Pipeline pipeline = Pipeline.create(options);
    build(pipeline, new RunGraph.Plan(options, engine, layout, previous));
    LOG.info(
        "Running on {}: manifest {} -> {} with {}",
        DirectRunnerDefaults.runnerLabel(options),
        options.getManifest(),
        layout.root(),
        engineLabel.name());
    if (options.getRunner().getSimpleName().equals("DirectRunner")) {
      // return from run() at once so that progress can be reported while the job runs
      options.as(DirectOptions.class).setBlockOnRun(false);
    }
    PipelineResult result = pipeline.run();
    PipelineResult.State state =
        new ProgressReporter(result, progress, options.getProgressSeconds()).waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IOException("the pipeline ended in state " + state);
    }
    // a dry run writes no audio: the audio of an earlier run stays for the next real run
    long audioRemoved = options.getDryRun() ? 0 : output.removeUndescribedAudio();
    RunSummary summary =
        RunSummary.build(layout, result, options, engineLabel, started, Instant.now());
    if (engine != null) {
      summary.putEngineFacts(SharedEngines.summaryFacts(engine));
      summary.engineLoad(SharedEngines.loadSeconds(engine));
    }
    summary.audioRemoved(audioRemoved);
    summary.qualityModels(quality.key().dir(), quality.models().hasDnsmos(), quality.models().hasVad());
    summary.write(layout);
    ReportPage.write(layout, summary.json());
    output.finish();
    JobOutcome outcome = new JobOutcome(summary, result);
    if (options.getResume()) {
      LOG.info("Resume: skipped {} row(s) already complete", outcome.skipped());
    }
    summary.json().path("failures").forEach(
        f ->
            LOG.info(
                "Failed rows: {} at stage {} ({})",
                f.path("count").asLong(),
                f.path("stage").asText(),
                f.path("reason").asText()));
    TimingLog.summary(
        outcome.ok() - outcome.skipped(), summary.json().path("wall_time_s").asDouble());
    LOG.info(
        "Done in {} s: {} rows in, {} ok, {} failed; voice cloned: {}; dataset at {}",
        summary.json().path("wall_time_s").asDouble(),
        outcome.in(),
        outcome.ok(),
        outcome.failed(),
        engineLabel.clonedSaying(),
        layout.root());
    return outcome;
  }

  private static void build(Pipeline pipeline, RunGraph.Plan plan) {
    try {
      RunGraph.build(pipeline, plan);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  private static void checkUnsupported(RunOptions o) {
    if (o.getMaxTextChars() < 1) { // before --output is prepared: a bad value deletes nothing
      throw new ConfigurationException(
          "--maxTextChars=" + o.getMaxTextChars() + " must be a positive number of characters");
    }
    if (o.getMaxCer() != null && !o.getVerifyAsr()) {
      throw new ConfigurationException("--maxCer needs --verifyAsr (the CER comes from the Whisper check)");
    }
    try {
      RunGraph.acceptance(o); // --attempts and the gates' ranges, in a dry run too
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    if (o.getAttempts() > 1 && o.getMaxCer() == null && o.getMinSpeakerSimilarity() == null
        && o.getMinDnsmos() == null) {
      LOG.warn("--attempts={} without a gate (--maxCer, --minSpeakerSimilarity, --minDnsmos): every row"
          + " is kept at its first attempt", o.getAttempts());
    }
    if (o.getAsrQuantized() && !o.getVerifyAsr()) {
      throw new ConfigurationException("--asrQuantized needs --verifyAsr (it picks the Whisper graphs of the check)");
    }
    if (o.getVerifyAsr()) {
      checkAsrModel(o);
    }
    RuntimeInfo.checkDevice(o);
  }

  /**
   * The Whisper directory of --verifyAsr must hold its config and the graphs the check loads (the
   * workers load them later: a missing file would fail every row instead of the start).
   */
  private static void checkAsrModel(RunOptions o) {
    Path dir = Path.of(o.getAsrModelDir());
    if (!Files.isRegularFile(dir.resolve("config.json"))) {
      throw new ConfigurationException(
          "--verifyAsr needs a Whisper model directory; none at " + o.getAsrModelDir()
              + ": pass --asrModelDir=DIR (Hugging Face ONNX layout, see whisper-onnx.md)");
    }
    for (String graph : WhisperModel.graphFiles(o.getAsrQuantized())) {
      if (!Files.isRegularFile(dir.resolve(graph))) {
        throw new ConfigurationException(
            "--verifyAsr: " + dir.resolve(graph) + " is missing"
                + (o.getAsrQuantized()
                    ? " (--asrQuantized loads the int8 graphs; 'bin/voicegen models pull whisper-SIZE"
                        + " --quantized' fetches them)"
                    : ""));
      }
    }
  }

  private static void checkManifest(String manifest) throws IOException {
    MatchResult match;
    try {
      match = FileSystems.match(List.of(manifest), EmptyMatchTreatment.ALLOW).get(0);
    } catch (IOException e) {
      throw new ConfigurationException(
          "--manifest=" + manifest + " cannot be read: " + storeAnswer(e.getMessage()), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("--manifest=" + manifest + ": " + e.getMessage(), e);
    }
    if (match.status() == MatchResult.Status.ERROR) {
      // e.g. an unknown bucket or refused credentials: say what the store answered
      String reason;
      try {
        match.metadata();
        reason = "unknown error";
      } catch (IOException e) {
        reason = e.getMessage();
      }
      throw new ConfigurationException("--manifest=" + manifest + " cannot be read: " + storeAnswer(reason));
    }
    if (match.status() != MatchResult.Status.OK || match.metadata().isEmpty()) {
      throw new ConfigurationException("--manifest=" + manifest + " matches no readable file");
    }
  }

  /**
   * What an object store's refusal means, ahead of its own words: the SDK reports a denied
   * request (a key the store does not know, a bad signature, a policy) as a bare status 403.
   */
  static String storeAnswer(String message) {
    String m = String.valueOf(message);
    if (m.contains("Status Code: 403") || m.contains("AccessDenied") || m.contains("Forbidden")) {
      return "access denied (HTTP 403): the store refused the credentials of the standard AWS"
          + " chain (unknown key, wrong secret or no permission); it said: " + m;
    }
    return m;
  }

  private static EngineSpec resolveEngine(RunOptions o) {
    XttsSettings xtts =
        new XttsSettings(
            o.getTemperature(),
            o.getTopK(),
            o.getTopP(),
            o.getRepetitionPenalty(),
            o.getMaxCodes(),
            o.getSeed(),
            o.getOnnxThreads());
    try {
      EngineSpec spec =
          EngineSpec.resolve(
              o.getEngine(), o.getModelDir(), o.getDevice(), o.getEspeakExecutable(), xtts);
      if (spec.kind() == EngineSpec.Kind.ESPEAK) {
        EspeakEngine.probeVersion(spec.espeakExecutable());
      }
      return spec;
    } catch (EngineUnavailableException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }

  /**
   * Loads the engine in the driver before the job ({@link EngineLoading}): a model that cannot load
   * is a startup error, and workers in this JVM (DirectRunner) share the loaded instance.
   */
  static EngineLabel acquireEngine(EngineSpec spec) {
    try {
      return EngineLabel.of(spec.acquire());
    } catch (EngineUnavailableException | IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
  }
}
