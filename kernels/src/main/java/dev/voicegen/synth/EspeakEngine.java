package dev.voicegen.synth;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
  private static final long TIMEOUT_SECONDS = 120;

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

  private EspeakEngine(String executable, String version) {
    this.executable = executable;
    this.version = version;
  }

  /**
   * Finds espeak-ng and checks that it runs.
   *
   * @throws EngineUnavailableException with the install command when it is missing
   */
  public static EspeakEngine load(String executable) {
    String version = probeVersion(executable);
    LOG.warn(
        "Using {} {}: rows are spoken in a stock espeak-ng voice; the reference voice is NOT cloned",
        NAME,
        version);
    return new EspeakEngine(executable, version);
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
    java.nio.file.Path wavFile = null;
    try {
      // espeak-ng's --stdout header claims 2 GB of data, so it writes a real file instead
      wavFile = java.nio.file.Files.createTempFile("voicegen-espeak-", ".wav");
      // text goes through stdin so that no text can be read as an option
      Process p =
          new ProcessBuilder(executable, "-v", voice, "-b", "1", "-w", wavFile.toString())
              .redirectErrorStream(true)
              .start();
      try (OutputStream stdin = p.getOutputStream()) {
        stdin.write(request.text().getBytes(StandardCharsets.UTF_8));
      }
      String log = new String(readAll(p.getInputStream()), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return SynthesisResult.failed("timeout", "espeak-ng did not finish in 120 s");
      }
      if (p.exitValue() != 0) {
        return SynthesisResult.failed(
            "espeak_failed", "espeak-ng exited with " + p.exitValue() + ": " + log);
      }
      AudioClip clip =
          AudioDecoder.decode(
              "espeak-ng output for " + request.id(), java.nio.file.Files.readAllBytes(wavFile));
      return SynthesisResult.of(clip.toMono(), null);
    } catch (AudioDecodeException e) {
      return SynthesisResult.failed("espeak_output_unreadable", e.getMessage());
    } catch (IOException e) {
      return SynthesisResult.failed("espeak_failed", "running espeak-ng: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return SynthesisResult.failed("interrupted", "interrupted while running espeak-ng");
    } finally {
      if (wavFile != null) {
        try {
          java.nio.file.Files.deleteIfExists(wavFile);
        } catch (IOException e) {
          LOG.debug("could not delete {}", wavFile, e);
        }
      }
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
    in.transferTo(out);
    return out.toByteArray();
  }
}
