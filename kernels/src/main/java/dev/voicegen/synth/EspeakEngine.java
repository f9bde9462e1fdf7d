package dev.voicegen.synth;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The reference engine: Debian's espeak-ng speaks the text in a stock voice. It does not clone the
 * reference voice; it exists so the whole pipeline runs on any machine without model weights.
 */
public final class EspeakEngine implements SpeechEngine {
  private static final Logger LOG = LogManager.getLogger(EspeakEngine.class);
  public static final String NAME = "espeak-ng (reference engine, no voice cloning)";
  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  /** The longest speech one row may give; a longer one is killed rather than filling the disk. */
  static final int MAX_SPEECH_SECONDS = 20 * 60;
  /** espeak-ng writes 22050 Hz 16-bit mono: 44100 bytes a second, after a 44-byte header. */
  private static final long MAX_OUTPUT_BYTES = 44L + MAX_SPEECH_SECONDS * 44_100L;

  /** XTTS language code to espeak-ng voice. */
  private static final Map<String, String> VOICES =
      Map.ofEntries(
          Map.entry("en", "en-us"),
          Map.entry("es", "es"),
          Map.entry("fr", "fr-fr"),
          Map.entry("de", "de"),
          Map.entry("it", "it"),
          Map.entry("pt", "pt"),
          Map.entry("pl", "pl"),
          Map.entry("tr", "tr"),
          Map.entry("ru", "ru"),
          Map.entry("nl", "nl"),
          Map.entry("cs", "cs"),
          Map.entry("ar", "ar"),
          Map.entry("zh-cn", "cmn"),
          Map.entry("ja", "ja"),
          Map.entry("hu", "hu"),
          Map.entry("ko", "ko"),
          Map.entry("hi", "hi"));

  private final String executable;
  private final String version;
  private final BoundedProcess process;
  /** This engine's own folder for each row's text and audio files; removed by {@link #close}. */
  private final Path workFolder;

  EspeakEngine(String executable, String version, BoundedProcess process, Path workFolder) {
    this.executable = executable;
    this.version = version;
    this.process = process;
    this.workFolder = workFolder;
  }

  /**
   * Finds espeak-ng and checks that it runs.
   *
   * @throws EngineUnavailableException with the install command when it is missing
   */
  public static EspeakEngine load(String executable) {
    return load(executable, null);
  }

  /**
   * As {@link #load(String)}, with the rows' temporary files in a folder of this engine's own under
   * {@code tempParent} (the output's working folder), or in the system's temporary folder when null.
   */
  public static EspeakEngine load(String executable, String tempParent) {
    String version = probeVersion(executable);
    LOG.warn(
        "Using {} {}: rows are spoken in a stock espeak-ng voice; the reference voice is NOT cloned",
        NAME,
        version);
    return new EspeakEngine(
        executable, version, new BoundedProcess(TIMEOUT, MAX_OUTPUT_BYTES), workFolder(tempParent));
  }

  /**
   * A fresh folder name (several engines, in several JVMs, may share one output), made on the first
   * row: an engine that speaks nothing leaves nothing.
   */
  static Path workFolder(String tempParent) {
    String name = "espeak-" + ProcessHandle.current().pid() + "-" + Long.toString(System.nanoTime(), 36);
    return tempParent != null
        ? Path.of(tempParent, name)
        : Path.of(System.getProperty("java.io.tmpdir"), "voicegen-" + name);
  }

  /** The version line of espeak-ng, or an exception saying how to install it. */
  public static String probeVersion(String executable) {
    try {
      Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new EngineUnavailableException(executable + " --version failed: " + out);
      }
      // "eSpeak NG text-to-speech: 1.51  Data at: ..." -> "1.51"
      String[] words = out.split("\\s+");
      for (int i = 0; i + 1 < words.length; i++) {
        if (words[i].endsWith("text-to-speech:")) {
          return words[i + 1];
        }
      }
      return out.lines().findFirst().orElse("unknown");
    } catch (IOException e) {
      throw new EngineUnavailableException(
          "espeak-ng is not installed (" + e.getMessage() + "); install it with: "
              + "sudo apt-get install -y espeak-ng");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineUnavailableException("interrupted while probing espeak-ng");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public boolean clones() {
    return false;
  }

  @Override
  public List<SynthesisResult> synthesize(List<SynthesisRequest> batch) {
    List<SynthesisResult> results = new ArrayList<>(batch.size());
    for (SynthesisRequest request : batch) {
      results.add(speak(request));
    }
    return results;
  }

  private SynthesisResult speak(SynthesisRequest request) {
    String voice = VOICES.get(request.language());
    if (voice == null) {
      return SynthesisResult.failed(
          "unsupported_language", "espeak-ng has no voice for language " + request.language());
    }
    Path textFile = null;
    Path wavFile = null;
    try {
      if (!Files.isDirectory(workFolder)) {
        Files.createDirectories(workFolder);
        // a backstop for an engine that is never closed: the JVM removes the folder if empty
        workFolder.toFile().deleteOnExit();
      }
      // the text goes in a file so that no text can be read as an option, and so that a long text
      // cannot block this thread on a full stdin pipe
      textFile = Files.createTempFile(workFolder, "row-", ".txt");
      Files.writeString(textFile, request.text(), StandardCharsets.UTF_8);
      // espeak-ng's --stdout header claims 2 GB of data, so it writes a real file instead
      wavFile = Files.createTempFile(workFolder, "row-", ".wav");
      BoundedProcess.Outcome run =
          process.run(
              List.of(executable, "-v", voice, "-b", "1", "-f", textFile.toString(),
                  "-w", wavFile.toString()),
              wavFile);
      switch (run.end()) {
        case TIMED_OUT:
          return SynthesisResult.failed(
              "timeout", "espeak-ng did not finish in " + process.timeout().toSeconds() + " s; killed");
        case OUTPUT_TOO_LARGE:
          return SynthesisResult.failed(
              "output_too_long",
              "espeak-ng's audio passed " + process.maxOutputBytes() / 1_000_000 + " MB (over "
                  + MAX_SPEECH_SECONDS / 60 + " min of speech); killed");
        default:
          break;
      }
      if (run.exitCode() != 0) {
        return SynthesisResult.failed(
            "espeak_failed", "espeak-ng exited with " + run.exitCode() + ": " + run.log());
      }
      AudioClip clip =
          AudioDecoder.decode("espeak-ng output for " + request.id(), Files.readAllBytes(wavFile));
      return SynthesisResult.of(clip.toMono(), null);
    } catch (AudioDecodeException e) {
      return SynthesisResult.failed("espeak_output_unreadable", e.getMessage());
    } catch (IOException e) {
      return SynthesisResult.failed("espeak_failed", "running espeak-ng: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SynthesisResult.failed("interrupted", "interrupted while running espeak-ng");
    } finally {
      delete(textFile);
      delete(wavFile);
    }
  }

  /** Removes the work folder (each row's files are removed as the row ends). */
  @Override
  public void close() {
    delete(workFolder);
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.debug("could not delete {}", file, e);
      }
    }
  }
}
