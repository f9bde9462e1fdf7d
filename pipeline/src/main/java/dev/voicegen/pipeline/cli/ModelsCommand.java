package dev.voicegen.pipeline.cli;

import dev.voicegen.models.GatedModelException;
import dev.voicegen.models.HubToken;
import dev.voicegen.models.ModelDownloader;
import dev.voicegen.models.ModelLicense;
import dev.voicegen.models.ModelLock;
import dev.voicegen.models.ModelSource;
import dev.voicegen.pipeline.common.ConfigurationException;
import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.models.ModelSourceOfflineException;
import dev.voicegen.models.PinnedModelDownloader;
import dev.voicegen.models.PinnedModelSource;
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
 * give the token. {@code models pull dnsmos|silero-vad [--qualityModelDir=DIR] [--source=URL]}
 * fetches the quality models from their source repositories ({@link PinnedModelSource}) into
 * {@code DIR/<name>} (default {@code models/}); offline it stops at once with a usage error that
 * says where to put the files by hand.
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
    String qualityModelDir = null;
    String source = null;
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
      } else if (a.startsWith("--qualityModelDir=")) {
        qualityModelDir = a.substring("--qualityModelDir=".length());
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
      throw new ConfigurationException("usage: bin/voicegen models pull|verify [xtts-v2|whisper-SIZE|dnsmos|silero-vad]"
          + " [--modelDir=DIR] [--qualityModelDir=DIR] [--revision=COMMIT] [--quantized] [--source=URL]");
    }
    String name = words.size() > 1 ? words.get(1) : "xtts-v2";
    if (PinnedModelSource.KNOWN.contains(name)) {
      if (revision != null || quantized || modelDir != null) {
        throw new ConfigurationException(
            name + " is pinned by SHA-256: --revision, --quantized and --modelDir do not apply;"
                + " --qualityModelDir=DIR names the folder that holds " + name + "/");
      }
      PinnedModelSource pinned =
          PinnedModelSource.named(name, source == null ? PinnedModelSource.GITHUB_RAW : uri(source));
      Path dir = Path.of(qualityModelDir != null ? qualityModelDir : "models").resolve(name);
      return switch (words.get(0)) {
        case "pull" -> pullPinned(pinned, dir);
        case "verify" -> verifyChecksums(dir) ? VoicegenCli.OK : VoicegenCli.FAILED;
        default -> throw new ConfigurationException("models: use 'pull' or 'verify', not " + words.get(0));
      };
    }
    ModelSource model;
    try {
      model = ModelSource.named(
          name, source == null ? ModelSource.HUGGING_FACE : URI.create(source), quantized);
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

  private int pullPinned(PinnedModelSource model, Path dir) throws IOException {
    ModelLock lock;
    try {
      lock = pull(model, dir, Duration.ofSeconds(10), line -> {
        err.print("\r" + line);
        if (line.contains("100%") || line.endsWith("up to date")) {
          err.println();
        }
      });
    } catch (ModelSourceOfflineException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    out.println(
        "pulled " + model.name() + " at " + model.ref() + ": " + lock.files().size() + " files into "
            + dir + " (SHA-256 of each in " + ModelLock.FILE + "; licence " + model.license().id()
            + " in " + ModelLicense.NOTE_FILE + ")");
    // after the pull, not before: offline, the only line is the one that says what to do
    out.println("licence: " + model.license().notice());
    return VoicegenCli.OK;
  }

  /** Pulls a quality model; the demo calls this too. */
  static ModelLock pull(
      PinnedModelSource model, Path dir, Duration connectTimeout, java.util.function.Consumer<String> progress)
      throws IOException {
    return new PinnedModelDownloader(connectTimeout, progress).pull(model, dir);
  }

  private static URI uri(String source) {
    try {
      URI u = URI.create(source);
      if (u.getScheme() == null || u.getHost() == null) {
        throw new IllegalArgumentException("not an absolute URL");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException("--source=" + source + ": " + e.getMessage(), e);
    }
  }

  private boolean verifyChecksums(Path dir) throws IOException {
    List<String> problems = ModelDownloader.verify(dir);
    problems.forEach(p -> err.println("voicegen: " + dir + "/" + p));
    if (problems.isEmpty()) {
      out.println(dir + ": every file matches " + ModelLock.FILE);
    }
    return problems.isEmpty();
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
