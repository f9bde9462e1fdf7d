package dev.voicegen.pipeline.transcribe;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.transcribe.TranscribeAudio;
import dev.voicegen.beam.transcribe.TranscriptTimingLog;
import dev.voicegen.beam.transcribe.WriteTranscripts;
import dev.voicegen.onnx.ModelException;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.pipeline.common.DirectRunnerDefaults;
import dev.voicegen.pipeline.common.JobOutcome;
import dev.voicegen.pipeline.common.OptionValues;
import dev.voicegen.pipeline.common.OutputLocation;
import dev.voicegen.pipeline.common.OutputLock;
import dev.voicegen.pipeline.common.OutputOwnership;
import dev.voicegen.pipeline.common.RequiredOptions;
import dev.voicegen.pipeline.common.RuntimeInfo;
import dev.voicegen.pipeline.common.S3Setup;
import dev.voicegen.quality.SharedQualityModels;
import dev.voicegen.whisper.SharedWhisperModels;
import dev.voicegen.whisper.WhisperModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code bin/voicegen transcribe}: MatchAudioFiles, ReadAudioFiles, TranscribeAudio (DecodeAudio,
 * TranscribeSpeech), WriteTranscripts; then summary.json and the closing timing.log line.
 */
public final class TranscribeJob {
  private static final Logger LOG = LogManager.getLogger(TranscribeJob.class);
  /** --mfcc when not given. */
  static final String PULL_HINT =
      "pass --modelDir=DIR or run 'bin/voicegen models pull whisper-base'";

  private TranscribeJob() {}

  /** Parses the command's flags; {@code --modelDir} is the Whisper model's (see TranscribeOptions). */
  public static TranscribeOptions parseOptions(String[] args) {
    String[] renamed = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      renamed[i] =
          args[i].startsWith("--modelDir=")
              ? "--whisperModelDir=" + args[i].substring("--modelDir=".length())
              : args[i];
    }
    OptionValues.checkSyntax(List.of(renamed), TranscribeOptions.class);
    PipelineOptionsFactory.register(TranscribeOptions.class);
    S3Setup.registerOptions();
    TranscribeOptions options = PipelineOptionsFactory.fromArgs(renamed).as(TranscribeOptions.class);
    DirectRunnerDefaults.apply(options, List.of(renamed));
    return options;
  }

  /** @throws ConfigurationException when the job cannot start; the message says what to fix */
  public static JobOutcome run(TranscribeOptions options) throws IOException {
    Instant started = Instant.now();
    OptionValues.requireFinite(options, TranscribeOptions.class);
    RequiredOptions.check(options, TranscribeOptions.class);
    S3Setup.configure(options, options.getInput(), options.getOutput());
    FileSystems.setDefaultPipelineOptions(options);
    checkInput(options.getInput());
    if (!options.getInput().contains("://")) {
      // workers (Flink TaskManagers) run in other folders: hand them an absolute path
      options.setInput(Path.of(options.getInput()).toAbsolutePath().toString());
    }
    OutputLayout target = new OutputLayout(options.getOutput());
    OutputOwnership.checkLocation("--output=" + options.getOutput(), target);
    checkInputOutside(options.getInput(), target.root());
    SharedWhisperModels.Key model = modelKey(options);
    acquireModel(model, options.getLanguage());
    try {
      // Silero VAD for speech_s: loaded here first, so that a broken model file stops the start
      SharedQualityModels.Key quality = qualityKey(options);
      try {
        if (!quality.acquire().hasVad()) {
          LOG.warn("Silero VAD is not in {}/silero-vad: speech_s is null ('bin/voicegen models pull"
              + " silero-vad')", quality.dir());
        }
      } catch (ModelException e) {
        throw new ConfigurationException("--qualityModelDir=" + quality.dir() + ": " + e.getMessage(), e);
      }
      try {
        return runWith(options, model, started);
      } finally {
        quality.release();
      }
    } finally {
      model.release();
    }
  }

  /** The quality models of --qualityModelDir, as an absolute path for the workers. */
  static SharedQualityModels.Key qualityKey(TranscribeOptions o) {
    return new SharedQualityModels.Key(
        Path.of(o.getQualityModelDir()).toAbsolutePath().normalize().toString(), o.getDevice(), o.getOnnxThreads());
  }

  private static JobOutcome runWith(
      TranscribeOptions options, SharedWhisperModels.Key model, Instant started) throws IOException {
    OutputLayout layout = new OutputLayout(options.getOutput());
    String option = "--output=" + options.getOutput();
    OutputLock lock;
    try {
      lock = OutputLock.acquire(option, layout);
    } catch (IOException e) {
      throw new ConfigurationException(option + " cannot be prepared: " + e.getMessage(), e);
    }
    try (lock) {
      return runLocked(options, model, started, layout);
    }
  }

  private static JobOutcome runLocked(
      TranscribeOptions options, SharedWhisperModels.Key model, Instant started, OutputLayout layout)
      throws IOException {
    TranscribeOutput output = new TranscribeOutput(layout);
    try {
      OutputOwnership.claim("--output=" + options.getOutput(), layout);
      output.prepare();
    } catch (IOException e) {
      throw new ConfigurationException(
          "--output=" + options.getOutput() + " cannot be prepared: " + e.getMessage(), e);
    }
    Pipeline pipeline = Pipeline.create(options);
    try {
      TranscribeGraph.build(pipeline, options, model, layout);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    LOG.info(
        "Transcribing on {}: {} -> {} with Whisper {}",
        DirectRunnerDefaults.runnerLabel(options),
        options.getInput(),
        layout.root(),
        model.modelDir());
    PipelineResult result = pipeline.run();
    PipelineResult.State state = result.waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IOException("the pipeline ended in state " + state);
    }
    TranscribeSummary summary = TranscribeSummary.build(layout, options, started, Instant.now());
    summary.write(layout);
    output.finish();
    JobOutcome outcome = new JobOutcome(summary, result);
    double wall = summary.json().path("wall_time_s").asDouble();
    TranscriptTimingLog.summary(outcome.ok(), wall);
    LOG.info(
        "Done in {} s: {} files in, {} transcribed, {} failed; transcripts at {}",
        wall,
        outcome.in(),
        outcome.ok(),
        outcome.failed(),
        layout.root());
    return outcome;
  }

  private static SharedWhisperModels.Key modelKey(TranscribeOptions o) {
    String dir = o.getWhisperModelDir();
    if (dir == null || dir.isBlank()) {
      throw new ConfigurationException("--modelDir is empty: " + PULL_HINT);
    }
    Path path = Path.of(dir).toAbsolutePath().normalize();
    if (!Files.isDirectory(path)) {
      throw new ConfigurationException(
          "--modelDir=" + dir + ": no Whisper model directory there; " + PULL_HINT);
    }
    RuntimeInfo.checkDevice(o);
    return new SharedWhisperModels.Key(path.toString(), o.getDevice(), o.getOnnxThreads(), o.getQuantized());
  }

  /**
   * Loads the model in the driver: one that cannot load, or a --language it has no token for, is
   * a startup error (exit 2) rather than a failure of every file.
   */
  private static void acquireModel(SharedWhisperModels.Key model, String language) {
    WhisperModel loaded;
    try {
      loaded = model.acquire();
    } catch (ModelException | IllegalArgumentException e) {
      throw new ConfigurationException(
          "--modelDir=" + model.modelDir() + ": " + e.getMessage() + "; " + PULL_HINT, e);
    }
    if (language != null && !language.isBlank()) {
      String code = language.trim().toLowerCase(Locale.ROOT);
      if (code.startsWith("<|") && code.endsWith("|>")) {
        code = code.substring(2, code.length() - 2);
      }
      if (loaded.config().languageId(code) < 0) {
        model.release();
        throw new ConfigurationException(
            "--language=" + language + ": the model in " + model.modelDir() + " has no <|" + code + "|> token");
      }
    }
  }

  /**
   * The corpus must not lie inside the output, where the job removes and writes files: the part of
   * the glob before its first wildcard is the folder it can match in.
   */
  static void checkInputOutside(String input, String outputRoot) {
    int wildcard = input.length();
    for (char c : new char[] {'*', '?', '[', '{'}) {
      int i = input.indexOf(c);
      if (i >= 0) {
        wildcard = Math.min(wildcard, i);
      }
    }
    String base = input.substring(0, wildcard);
    if (OutputLocation.inside(base, outputRoot) || sameFolder(base, outputRoot)) {
      throw new ConfigurationException(
          "--output=" + outputRoot + " contains the --input files (" + input
              + "); name an output folder outside the corpus");
    }
  }

  private static boolean sameFolder(String base, String outputRoot) {
    String b = base.endsWith("/") && base.length() > 1 ? base.substring(0, base.length() - 1) : base;
    return b.contains("://")
        ? b.equals(outputRoot)
        : OutputLocation.real(b).equals(OutputLocation.real(outputRoot));
  }

  private static void checkInput(String input) {
    MatchResult match;
    try {
      match = FileSystems.match(List.of(input), EmptyMatchTreatment.ALLOW).get(0);
    } catch (IOException e) {
      throw new ConfigurationException("--input=" + input + " cannot be read: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("--input=" + input + ": " + e.getMessage(), e);
    }
    List<MatchResult.Metadata> files;
    try {
      files = match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
    } catch (IOException e) {
      throw new ConfigurationException("--input=" + input + " cannot be read: " + e.getMessage(), e);
    }
    // a startup check that the glob matches; the job itself lists the files again as a stream
    if (files.isEmpty()) {
      throw new ConfigurationException("--input=" + input + " matches no file");
    }
  }
}
