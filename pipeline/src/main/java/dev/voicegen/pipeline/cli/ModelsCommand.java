package dev.voicegen.pipeline.cli;

import dev.voicegen.models.GatedModelException;
import dev.voicegen.models.HubToken;
import dev.voicegen.models.ModelDownloader;
import dev.voicegen.models.ModelLicense;
import dev.voicegen.models.ModelLock;
import dev.voicegen.models.ModelSource;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.onnx.ExecutionDevice;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code models pull [xtts-v2|whisper-SIZE] [--modelDir=DIR] [--revision=REV] [--source=URL]
 * [--quantized]} and {@code models verify [xtts-v2] [--modelDir=DIR] [--device=cpu|cuda[:N]]}: the
 * checksums, then for XTTS the load-time batching probe and one short synthesis
 * ({@link XttsVerification}). A gated repository (xtts-v2) needs a Hugging Face token
 * ({@link HubToken}); a refusal is a usage error (exit 2), since the user must accept the terms or
 * give the token.
 */
final class ModelsCommand {
  private final PrintStream out;
  private final PrintStream err;

  ModelsCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) throws IOException {
    List<String> words = new ArrayList<>();
    String modelDir = null;
    String source = ModelSource.HUGGING_FACE.toString();
    String revision = null;
    boolean quantized = false;
    String device = "cpu";
    for (String a : args) {
      if (a.equals("--quantized")) {
        quantized = true;
      } else if (a.startsWith("--revision=")) {
        revision = a.substring("--revision=".length());
      } else if (a.startsWith("--modelDir=")) {
        modelDir = a.substring("--modelDir=".length());
      } else if (a.startsWith("--device=")) {
        device = a.substring("--device=".length());
      } else if (a.startsWith("--source=")) {
        source = a.substring("--source=".length());
      } else if (a.startsWith("--")) {
        throw new ConfigurationException("models: unknown option " + a);
      } else {
        words.add(a);
      }
    }
    if (words.isEmpty()) {
      throw new ConfigurationException("usage: bin/voicegen models pull|verify [xtts-v2|whisper-SIZE] [--modelDir=DIR] [--revision=COMMIT] [--quantized]");
    }
    String name = words.size() > 1 ? words.get(1) : "xtts-v2";
    ModelSource model;
    try {
      model = ModelSource.named(name, URI.create(source), quantized);
      if (revision != null) {
        if (revision.isBlank() || revision.contains("/") || revision.contains("..")) {
          throw new IllegalArgumentException("--revision=" + revision + " is not a commit, branch or tag");
        }
        model = model.atRevision(revision);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    Path dir = Path.of(modelDir != null ? modelDir : "models/" + name);
    return switch (words.get(0)) {
      case "pull" -> pull(model, dir);
      case "verify" -> verify(model, dir, device);
      default -> throw new ConfigurationException("models: use 'pull' or 'verify', not " + words.get(0));
    };
  }

  private int pull(ModelSource model, Path dir) throws IOException {
    if (model.license() != null) {
      err.println("licence: " + model.license().notice());
    }
    ModelDownloader downloader =
        new ModelDownloader(
            Duration.ofSeconds(10),
            line -> {
              err.print("\r" + line);
              if (line.contains("100%") || line.endsWith("up to date")) {
                err.println();
              }
            },
            HubToken.find().orElse(null));
    ModelLock lock;
    try {
      lock = downloader.pull(model, dir);
    } catch (GatedModelException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    out.println(
        "pulled " + model.name() + " at commit " + lock.commit() + ": " + lock.files().size()
            + " files into " + dir + " (SHA-256 of each in " + ModelLock.FILE
            + (model.license() == null ? "" : "; licence " + model.license().id() + " in " + ModelLicense.NOTE_FILE)
            + ")");
    return VoicegenCli.OK;
  }

  private int verify(ModelSource model, Path dir, String device) throws IOException {
    ExecutionDevice executionDevice;
    try {
      executionDevice = ExecutionDevice.parse(device);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    List<String> problems = ModelDownloader.verify(dir);
    if (!problems.isEmpty()) {
      problems.forEach(p -> err.println("voicegen: " + dir + "/" + p));
      return VoicegenCli.FAILED;
    }
    out.println(dir + ": every file matches " + ModelLock.FILE);
    if (model.name().equals("xtts-v2")) {
      return new XttsVerification(out, err).run(dir, executionDevice);
    }
    return VoicegenCli.OK;
  }
}
