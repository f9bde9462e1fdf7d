package dev.voicegen.pipeline.cli;

import dev.voicegen.pipeline.common.JobOutcome;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.pipeline.common.DirectRunnerDefaults;
import dev.voicegen.pipeline.common.OnnxRuntimeTempFolder;
import dev.voicegen.pipeline.common.OptionValues;
import dev.voicegen.pipeline.common.S3Setup;
import dev.voicegen.pipeline.transcribe.TranscribeJob;
import dev.voicegen.pipeline.run.RunJob;
import dev.voicegen.pipeline.run.RunOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * {@code bin/voicegen COMMAND [--option=value ...]}: the single entry point users type. Exit status
 * 0 when the job ran (even with failed rows), 2 when it could not start, with one line on stderr.
 */
public final class VoicegenCli {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final PrintStream out;
  private final PrintStream err;

  VoicegenCli(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    OnnxRuntimeTempFolder.removeOnExit();
    configureLogging(args);
    int status = new VoicegenCli(System.out, System.err).execute(args);
    System.exit(status);
  }

  /** Points Log4j at --logDir and sets the level from --verbose / --debug, before any logger. */
  static void configureLogging(String[] args) {
    for (String a : args) {
      if (a.startsWith("--logDir=")) {
        System.setProperty("voicegen.logDir", a.substring("--logDir=".length()));
      }
    }
    List<String> list = Arrays.asList(args);
    if (list.contains("--debug") || list.contains("--debug=true")) {
      Configurator.setLevel("dev.voicegen", Level.TRACE);
    } else if (list.contains("--verbose") || list.contains("--verbose=true")) {
      Configurator.setLevel("dev.voicegen", Level.DEBUG);
    }
  }

  int execute(String[] args) {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? USAGE : OK;
    }
    String command = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (command) {
        case "run" -> runJob(rest);
        case "demo" -> Demo.run(this, rest, out);
        case "analyze" -> new SampleCommands(out, err).analyze(rest);
        case "optimize" -> new SampleCommands(out, err).optimize(rest);
        case "preprocess" -> new SampleCommands(out, err).preprocess(rest);
        case "clone" -> new SampleCommands(out, err).cloneOne(rest);
        case "models" -> new ModelsCommand(out, err).run(rest);
        case "transcribe" -> transcribeJob(rest);
        default -> {
          err.println("voicegen: unknown command '" + command + "'; try 'bin/voicegen help'");
          yield USAGE;
        }
      };
    } catch (ConfigurationException | IllegalArgumentException e) {
      err.println("voicegen: " + e.getMessage());
      return USAGE;
    } catch (dev.voicegen.models.ModelDownloadException e) {
      err.println("voicegen: " + e.getMessage());
      return FAILED;
    } catch (IOException | RuntimeException e) {
      LogManager.getLogger(VoicegenCli.class).error("The job failed", e);
      err.println("voicegen: the job failed: " + e);
      return FAILED;
    }
  }

  int runJob(String[] args) throws IOException {
    JobOutcome outcome = RunJob.run(parseOptions(args), err::println);
    out.println(
        "rows_in=" + outcome.in() + " rows_ok=" + outcome.ok() + " rows_failed="
            + outcome.failed() + " rows_skipped=" + outcome.skipped() + " voice_cloned="
            + outcome.summary().json().path("voice_cloned").asBoolean());
    return OK;
  }

  int transcribeJob(String[] args) throws IOException {
    JobOutcome outcome = TranscribeJob.run(TranscribeJob.parseOptions(args));
    out.println(
        "files_in=" + outcome.in() + " files_ok=" + outcome.ok() + " files_failed="
            + outcome.failed());
    return OK;
  }

  /** Parses run options; a --config properties file fills in what the command line leaves out. */
  static RunOptions parseOptions(String[] args) throws IOException {
    List<String> all = new ArrayList<>();
    List<String> given = new ArrayList<>();
    String config = null;
    for (String a : args) {
      if (a.startsWith("--config=")) {
        config = a.substring("--config=".length());
      }
      int eq = a.indexOf('=');
      given.add(eq < 0 ? a.substring(2) : a.substring(2, eq));
      all.add(a);
    }
    if (config != null) {
      Properties p = new Properties();
      Path path = Path.of(config);
      if (!Files.isRegularFile(path)) {
        throw new ConfigurationException("--config=" + config + " does not exist");
      }
      try (InputStream in = Files.newInputStream(path)) {
        p.load(in);
      }
      for (String key : p.stringPropertyNames()) {
        if (!given.contains(key)) {
          all.add("--" + key + "=" + p.getProperty(key).strip());
        }
      }
    }
    // DirectRunner's checks that DoFns do not mutate elements keep an encoded copy and a decoded
    // clone of every element in flight (3x its memory); a job turns them off unless told otherwise
    for (String check : List.of("enforceImmutability", "enforceEncodability")) {
      if (all.stream().noneMatch(a -> a.startsWith("--" + check + "="))) {
        all.add("--" + check + "=false");
      }
    }
    OptionValues.checkSyntax(all, RunOptions.class);
    PipelineOptionsFactory.register(RunOptions.class);
    S3Setup.registerOptions();
    RunOptions options = PipelineOptionsFactory.fromArgs(all.toArray(String[]::new)).as(RunOptions.class);
    DirectRunnerDefaults.apply(options, all);
    return options;
  }

  static void usage(PrintStream out) {
    out.println(
        String.join(
            "\n",
            "usage: bin/voicegen COMMAND [--option=value ...]",
            "",
            "  run --manifest=M --output=O   the batch job (any Beam option passes through)",
            "  demo                          the bundled demo manifest into ./out/demo",
            "  analyze FILE... [--json]      analysis of voice samples",
            "  optimize IN OUT               write the optimized voice sample",
            "  preprocess IN OUT             write the preprocessed (seed) voice sample",
            "  clone --text=T --speaker-wav=W --language=L --output=F   one synthesis",
            "  models pull|verify [xtts-v2|whisper-SIZE] [--modelDir=DIR] [--source=URL] [--revision=COMMIT] [--quantized] [--device]   (xtts-v2 is gated: HF_TOKEN)",
            "  transcribe --input=GLOB --output=O [--modelDir --language --mfcc=13 --batchSize=8 --quantized]",
            "",
            "run options: --engine=auto|xtts|espeak --modelDir --device=cpu|cuda --batchSize --batchTokens",
            "  --temperature --topK --topP --repetitionPenalty --maxCodes --seed --onnxThreads",
            "  --preprocess=seed --audioFormat=wav --resume --config=FILE --logDir --verbose --debug",
            "  --verifyAsr --asrModelDir --asrQuantized --qualityModelDir",
            "  best of N: --attempts=N with gates --maxCer --minSpeakerSimilarity --minDnsmos"));
  }
}
