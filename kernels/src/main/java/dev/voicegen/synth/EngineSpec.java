package dev.voicegen.synth;

import dev.voicegen.onnx.SharedHandle;
import dev.voicegen.xtts.XttsDirectoryCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * @param tempDir the folder under which the engine keeps its temporary files (the output's working
 *     folder), or null for a private folder in the system's temporary folder
 */
public record EngineSpec(
    Kind kind,
    String modelDir,
    String device,
    String espeakExecutable,
    XttsSettings xtts,
    String tempDir)
    implements SharedHandle<SpeechEngine> {
  private static final Logger LOG = LogManager.getLogger(EngineSpec.class);

  /** This JVM's engine of this spec ({@link SharedEngines}). */
  @Override
  public SpeechEngine acquire() {
    return SharedEngines.acquire(this);
  }

  @Override
  public void release() {
    SharedEngines.release(this);
  }

  /** A spec with no temporary folder of its own (see {@link #withTempDir}). */
  public EngineSpec(
      Kind kind, String modelDir, String device, String espeakExecutable, XttsSettings xtts) {
    this(kind, modelDir, device, espeakExecutable, xtts, null);
  }

  /** This spec with the engine's temporary files under {@code dir}. */
  public EngineSpec withTempDir(String dir) {
    return new EngineSpec(kind, modelDir, device, espeakExecutable, xtts, dir);
  }

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
   * Resolves {@code --engine}. No silent fallback: {@code auto} takes espeak-ng (which does not
   * clone) only when no model directory exists; a directory that exists must pass {@link
   * XttsDirectoryCheck}, for {@code auto} as for {@code xtts}.
   *
   * @param engine auto, xtts or espeak
   * @throws EngineUnavailableException when the choice cannot run, naming every missing or bad file
   */
  public static EngineSpec resolve(
      String engine, String modelDir, String device, String espeak, XttsSettings xtts) {
    String choice = engine == null ? "auto" : engine.toLowerCase(Locale.ROOT);
    boolean exists = modelDir != null && Files.exists(Path.of(modelDir));
    String absolute = modelDir == null ? null : Path.of(modelDir).toAbsolutePath().toString();
    switch (choice) {
      case "espeak":
        return new EngineSpec(Kind.ESPEAK, null, device, espeak, xtts);
      case "xtts":
        if (!exists) {
          throw new EngineUnavailableException(
              "--engine=xtts needs an XTTS model directory with " + XTTS_MARKER + "; none at "
                  + modelDir + ": pass --modelDir=DIR or run 'bin/voicegen models pull xtts-v2'");
        }
        check(choice, absolute);
        return new EngineSpec(Kind.XTTS, absolute, device, espeak, xtts);
      case "auto":
        if (exists) {
          check(choice, absolute);
          LOG.info("--engine=auto: using the XTTS model at {}", absolute);
          return new EngineSpec(Kind.XTTS, absolute, device, espeak, xtts);
        }
        LOG.warn(
            "--engine=auto: no XTTS model directory at {}; using the espeak-ng reference engine,"
                + " which does NOT clone voices (voice_cloned=false in every row)",
            absolute);
        return new EngineSpec(Kind.ESPEAK, null, device, espeak, xtts);
      default:
        throw new EngineUnavailableException(
            "--engine=" + engine + " is not an engine; use auto, xtts or espeak");
    }
  }

  private static void check(String choice, String dir) {
    List<String> problems = XttsDirectoryCheck.problems(Path.of(dir));
    if (!problems.isEmpty()) {
      throw new EngineUnavailableException(
          "--engine=" + choice + ": the model directory " + dir + " exists but cannot be used ("
              + String.join("; ", problems) + "): complete it with 'bin/voicegen models pull"
              + " xtts-v2 --modelDir=" + dir + "', or move it away or pass --engine=espeak for the"
              + " reference engine, which does not clone voices");
    }
  }

  /** Creates the engine this spec names. */
  public SpeechEngine load() {
    return switch (kind) {
      case ESPEAK -> EspeakEngine.load(espeakExecutable, tempDir);
      case XTTS -> XttsEngines.load(this);
    };
  }
}
