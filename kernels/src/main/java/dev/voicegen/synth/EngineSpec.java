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
 * @param xtts XTTS options
 */
public record EngineSpec(
    Kind kind, String modelDir, String device, String espeakExecutable, XttsSettings xtts)
    implements Serializable {
  private static final Logger LOG = LogManager.getLogger(EngineSpec.class);

  /** Engine kinds. */
  public enum Kind {
    XTTS,
    ESPEAK
  }

  /** The file whose presence marks an XTTS model directory (xtts-onnx.md). */
  public static final String XTTS_MARKER = "metadata.json";

  public static EngineSpec espeak(String executable) {
    return new EngineSpec(Kind.ESPEAK, null, "cpu", executable, XttsSettings.defaults());
  }

  /** As {@link #resolve(String, String, String, String, XttsSettings)} with default XTTS options. */
  public static EngineSpec resolve(String engine, String modelDir, String device, String espeak) {
    return resolve(engine, modelDir, device, espeak, XttsSettings.defaults());
  }

  /**
   * Resolves {@code --engine}.
   *
   * @param engine auto, xtts or espeak
   * @throws EngineUnavailableException when the choice cannot run, saying what to fix
   */
  public static EngineSpec resolve(
      String engine, String modelDir, String device, String espeak, XttsSettings xtts) {
    String choice = engine == null ? "auto" : engine.toLowerCase(Locale.ROOT);
    boolean modelFound = modelDir != null && Files.isRegularFile(Path.of(modelDir, XTTS_MARKER));
    String absolute = modelDir == null ? null : Path.of(modelDir).toAbsolutePath().toString();
    switch (choice) {
      case "espeak":
        return new EngineSpec(Kind.ESPEAK, null, device, espeak, xtts);
      case "xtts":
        if (!modelFound) {
          throw new EngineUnavailableException(
              "--engine=xtts needs an XTTS model directory with " + XTTS_MARKER + "; none at "
                  + modelDir + ": pass --modelDir=DIR or run 'bin/voicegen models pull'");
        }
        return new EngineSpec(Kind.XTTS, absolute, device, espeak, xtts);
      case "auto":
        if (modelFound) {
          LOG.info("--engine=auto: using the XTTS model at {}", absolute);
          return new EngineSpec(Kind.XTTS, absolute, device, espeak, xtts);
        }
        LOG.warn(
            "--engine=auto: no XTTS model at {}; using the espeak-ng reference engine,"
                + " which does NOT clone voices",
            modelDir);
        return new EngineSpec(Kind.ESPEAK, null, device, espeak, xtts);
      default:
        throw new EngineUnavailableException(
            "--engine=" + engine + " is not an engine; use auto, xtts or espeak");
    }
  }

  /** Creates the engine this spec names. */
  public SpeechEngine load() {
    return switch (kind) {
      case ESPEAK -> EspeakEngine.load(espeakExecutable);
      case XTTS -> XttsEngines.load(this);
    };
  }
}
