package dev.voicegen.pipeline.cli;

import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.pipeline.voicegen.JobRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code bin/voicegen demo}: the bundled manifest end to end into ./out/demo. */
final class Demo {
  static final String MANIFEST = "run-configs/demo/manifest.csv";
  static final String OUTPUT = "out/demo";

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
    args.addAll(List.of(extra));
    JobRunner.Outcome outcome =
        JobRunner.run(VoicegenCli.parseOptions(args.toArray(String[]::new)), System.err::println);
    OutputLayout layout = new OutputLayout(OUTPUT);
    out.println("voicegen demo finished:");
    out.println("  rows in:     " + outcome.rowsIn());
    out.println("  rows ok:     " + outcome.rowsOk());
    out.println("  rows failed: " + outcome.rowsFailed() + "  (reasons in errors/ and summary.json)");
    out.println("  engine:      " + outcome.summary().json().path("engine").asText());
    out.println("  voice cloned: " + (outcome.summary().json().path("voice_cloned").asBoolean()
        ? "yes" + license(outcome.summary().json().path("model_license").asText(null))
        : "NO: the espeak-ng reference engine speaks every row in its own voice;"
            + " 'bin/voicegen models pull xtts-v2' fetches the model that clones"));
    out.println("outputs under " + layout.root() + ":");
    out.println("  audio/      generated speech, audio/<language>/<speaker_id>/<id>.wav");
    out.println("  metadata/   Parquet, partitioned by language and speaker_id");
    out.println("  errors/     Parquet, one row per failed manifest row");
    out.println("  manifest.jsonl, summary.json, report.html (open it in a browser)");
    return VoicegenCli.OK;
  }

  private static String license(String id) {
    return id == null ? "" : " (model weights under " + id + ", see README \"Engines, model files\")";
  }
}
