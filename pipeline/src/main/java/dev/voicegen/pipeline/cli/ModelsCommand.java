package dev.voicegen.pipeline.cli;

import dev.voicegen.models.ModelDownloader;
import dev.voicegen.models.ModelLock;
import dev.voicegen.models.ModelSource;
import dev.voicegen.pipeline.common.ConfigurationException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code models pull [xtts-v2|whisper-SIZE] [--modelDir=DIR] [--source=URL] [--quantized]} and
 * {@code models verify [xtts-v2] [--modelDir=DIR]}.
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
    boolean quantized = false;
    for (String a : args) {
      if (a.equals("--quantized")) {
        quantized = true;
      } else if (a.startsWith("--modelDir=")) {
        modelDir = a.substring("--modelDir=".length());
      } else if (a.startsWith("--source=")) {
        source = a.substring("--source=".length());
      } else if (a.startsWith("--")) {
        throw new ConfigurationException("models: unknown option " + a);
      } else {
        words.add(a);
      }
    }
    if (words.isEmpty()) {
      throw new ConfigurationException("usage: bin/voicegen models pull|verify [xtts-v2|whisper-SIZE] [--modelDir=DIR] [--quantized]");
    }
    String name = words.size() > 1 ? words.get(1) : "xtts-v2";
    ModelSource model;
    try {
      model = ModelSource.named(name, URI.create(source), quantized);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage(), e);
    }
    Path dir = Path.of(modelDir != null ? modelDir : "models/" + name);
    return switch (words.get(0)) {
      case "pull" -> pull(model, dir);
      case "verify" -> verify(dir);
      default -> throw new ConfigurationException("models: use 'pull' or 'verify', not " + words.get(0));
    };
  }

  private int pull(ModelSource model, Path dir) throws IOException {
    ModelDownloader downloader =
        new ModelDownloader(
            Duration.ofSeconds(10),
            line -> {
              err.print("\r" + line);
              if (line.contains("100%") || line.endsWith("up to date")) {
                err.println();
              }
            });
    ModelLock lock = downloader.pull(model, dir);
    out.println(
        "pulled " + model.name() + ": " + lock.files().size() + " files into " + dir
            + " (SHA-256 of each in " + ModelLock.FILE + ")");
    return VoicegenCli.OK;
  }

  private int verify(Path dir) throws IOException {
    List<String> problems = ModelDownloader.verify(dir);
    if (problems.isEmpty()) {
      out.println(dir + ": every file matches " + ModelLock.FILE);
      return VoicegenCli.OK;
    }
    problems.forEach(p -> err.println("voicegen: " + dir + "/" + p));
    return VoicegenCli.FAILED;
  }
}
