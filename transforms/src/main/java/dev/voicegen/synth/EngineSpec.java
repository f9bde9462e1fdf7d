package dev.voicegen.synth;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Which engine a job uses, decided once at startup from {@code --engine} and {@code --modelDir};
 * it identifies the engine instance shared by all workers of a JVM.
 *
 * @param kind the engine kind
 * @param modelDir the model directory (XTTS), or null
 * @param device cpu or cuda
 * @param espeakExecutable the espeak-ng program
 */
public record EngineSpec(Kind kind, String modelDir, String device, String espeakExecutable)
    implements Serializable {
  private static final Logger LOG = LogManager.getLogger(EngineSpec.class);

  /** Engine kinds. */
  public enum Kind {
    XTTS,
    ESPEAK
  }

  /** The file whose presence marks an XTTS model directory (xtts-onnx.md). */
  public static final String XTTS_MARKER = "metadata.json";

  /**
   * Resolves {@code --engine}.
   *
   * @param engine auto, xtts or espeak
   * @throws EngineUnavailableException when the choice cannot run, saying what to fix
   */
  public static EngineSpec resolve(String engine, String modelDir, String device, String espeak) {
    String choice = engine == null ? "auto" : engine.toLowerCase(Locale.ROOT);
    boolean modelFound = modelDir != null && Files.isRegularFile(Path.of(modelDir, XTTS_MARKER));
    switch (choice) {
      case "espeak":
        return new EngineSpec(Kind.ESPEAK, null, device, espeak);
      case "xtts":
        if (!modelFound) {
          throw new EngineUnavailableException(
              "--engine=xtts needs an XTTS model directory with " + XTTS_MARKER + "; none at "
                  + modelDir + ": pass --modelDir=DIR or run 'bin/voicegen models pull'");
        }
        throw new EngineUnavailableException(
            "--engine=xtts: the XTTS ONNX engine is not part of this build yet;"
                + " use --engine=espeak (reference engine, no cloning)");
      case "auto":
        if (modelFound) {
          LOG.warn(
              "--engine=auto: an XTTS model is at {} but this build has no XTTS engine yet;"
                  + " falling back to espeak-ng",
              modelDir);
        } else {
          LOG.warn(
              "--engine=auto: no XTTS model at {}; using the espeak-ng reference engine,"
                  + " which does NOT clone voices",
              modelDir);
        }
        return new EngineSpec(Kind.ESPEAK, null, device, espeak);
      default:
        throw new EngineUnavailableException(
            "--engine=" + engine + " is not an engine; use auto, xtts or espeak");
    }
  }

  /** Creates the engine this spec names. */
  public SpeechEngine load() {
    return switch (kind) {
      case ESPEAK -> EspeakEngine.load(espeakExecutable);
      case XTTS -> throw new EngineUnavailableException("the XTTS engine is not part of this build");
    };
  }
}
