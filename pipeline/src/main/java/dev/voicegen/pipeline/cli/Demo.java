package dev.voicegen.pipeline.cli;

import dev.voicegen.pipeline.common.JobOutcome;
import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.pipeline.run.RunJob;
import dev.voicegen.models.ModelDownloadException;
import dev.voicegen.models.PinnedModelSource;
import dev.voicegen.quality.DnsmosModel;
import dev.voicegen.quality.QualityModels;
import dev.voicegen.quality.SileroVad;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * {@code bin/voicegen demo [--qualityModelDir=DIR] [--qualityModelSource=URL]}: pulls the quality
 * models (DNSMOS, Silero VAD) into {@code DIR} (default {@code models/}) when they are missing, then
 * runs the bundled manifest end to end into ./out/demo. Without a network the demo runs all the
 * same, with one WARN line: the models are a convenience for {@code analyze}, not part of the job.
 */
final class Demo {
  private static final Logger LOG = LogManager.getLogger(Demo.class);
  static final String MANIFEST = "run-configs/demo/manifest.csv";
  static final String OUTPUT = "out/demo";
  /** Short, so that an offline demo is not held up: the pull is optional. */
  static final Duration PULL_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private Demo() {}

  static int run(VoicegenCli cli, String[] extra, PrintStream out) throws IOException {
    Path home = Path.of(System.getProperty("voicegen.home", "."));
    Path manifest = home.resolve(MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new ConfigurationException(
          "the demo manifest " + manifest + " is missing; run from the voicegen checkout");
    }
    List<String> args = new ArrayList<>();
    args.add("--manifest=" + manifest.toAbsolutePath());
    args.add("--output=" + OUTPUT);
    Path qualityDir = Path.of("models");
    URI qualitySource = PinnedModelSource.GITHUB_RAW;
    for (String a : extra) {
      if (a.startsWith("--qualityModelDir=")) {
        qualityDir = Path.of(a.substring("--qualityModelDir=".length()));
      } else if (a.startsWith("--qualityModelSource=")) {
        qualitySource = URI.create(a.substring("--qualityModelSource=".length()));
      } else {
        args.add(a);
      }
    }
    String quality = pullQualityModels(qualityDir, qualitySource);
    JobOutcome outcome =
        RunJob.run(VoicegenCli.parseOptions(args.toArray(String[]::new)), System.err::println);
    OutputLayout layout = new OutputLayout(OUTPUT);
    out.println("voicegen demo finished:");
    out.println("  rows in:     " + outcome.in());
    out.println("  rows ok:     " + outcome.ok());
    out.println("  rows failed: " + outcome.failed() + "  (reasons in errors/ and summary.json)");
    out.println("  engine:      " + outcome.summary().json().path("engine").asText());
    out.println("  voice cloned: " + (outcome.summary().json().path("voice_cloned").asBoolean()
        ? "yes" + license(outcome.summary().json().path("model_license").asText(null))
        : "NO: the espeak-ng reference engine speaks every row in its own voice;"
            + " 'bin/voicegen models pull xtts-v2' fetches the model that clones"));
    out.println("  quality models: " + quality);
    out.println("outputs under " + layout.root() + ":");
    out.println("  audio/      generated speech, audio/<language>/<speaker_id>/<id>.wav");
    out.println("  metadata/   Parquet, partitioned by language and speaker_id");
    out.println("  errors/     Parquet, one row per failed manifest row");
    out.println("  manifest.jsonl, summary.json, report.html (open it in a browser)");
    return VoicegenCli.OK;
  }

  /**
   * Pulls each quality model that {@code dir} lacks; the first failure (offline, most likely) ends
   * the attempt with one WARN line, since the next model's host would fail the same way.
   *
   * @return what the closing lines say about them
   */
  static String pullQualityModels(Path dir, URI source) {
    List<String> pulled = new ArrayList<>();
    for (String name : PinnedModelSource.KNOWN) {
      PinnedModelSource model = PinnedModelSource.named(name, source);
      Path modelDir = dir.resolve(name);
      if (!missing(name, modelDir)) {
        continue;
      }
      try {
        ModelsCommand.pull(model, modelDir, PULL_CONNECT_TIMEOUT, line -> { });
        pulled.add(name);
      } catch (ModelDownloadException e) {
        LOG.warn("The demo runs without the quality models ({}): {}", dir, e.getMessage());
        return "not pulled (see the WARN line); 'bin/voicegen analyze' leaves dnsmos_* and vad_* empty";
      } catch (IOException e) {
        LOG.warn("The demo runs without the quality models: cannot write {}: {}", modelDir, e.toString());
        return "not pulled (see the WARN line); 'bin/voicegen analyze' leaves dnsmos_* and vad_* empty";
      }
    }
    return "DNSMOS and Silero VAD in " + dir + (pulled.isEmpty() ? "" : " (pulled " + String.join(", ", pulled) + ")")
        + "; 'bin/voicegen analyze FILE' scores with them";
  }

  private static boolean missing(String name, Path modelDir) {
    return name.equals(QualityModels.DNSMOS_DIR)
        ? !DnsmosModel.missingFiles(modelDir).isEmpty()
        : !SileroVad.present(modelDir);
  }

  private static String license(String id) {
    return id == null ? "" : " (model weights under " + id + ", see README \"Engines, model files\")";
  }
}
