package dev.voicegen.bench;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The committed audio the benchmarks run on, found from the repository root: the system property
 * {@code voicegen.root}, else the working directory or the nearest parent holding {@code kernels/}.
 */
public final class BenchCorpus {
  /** System property naming the repository root. */
  public static final String ROOT_PROPERTY = "voicegen.root";
  /** The seed-semantics corpus (make_corpus.sh): 11 espeak-ng clips, 16-bit WAV, 11-48 kHz. */
  public static final String SEED_CLIPS = "kernels/src/test/resources/seed/clips";
  /** The demo voices: alice.wav (16-bit 22050 mono), bob_stereo.flac (44100 stereo), carla_48k.wav. */
  public static final String DEMO_VOICES = "run-configs/demo/voices";
  /** The committed tiny XTTS model (make_model.py --tiny). */
  public static final String TINY_XTTS = "kernels/src/test/resources/xtts/tiny";

  private BenchCorpus() {}

  public static Path root() {
    String property = System.getProperty(ROOT_PROPERTY);
    if (property != null && !property.isBlank()) {
      Path root = Path.of(property).toAbsolutePath().normalize();
      if (!Files.isDirectory(root.resolve(SEED_CLIPS))) {
        throw new IllegalStateException("-D" + ROOT_PROPERTY + "=" + property + " has no " + SEED_CLIPS);
      }
      return root;
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(SEED_CLIPS))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the repository root (no " + SEED_CLIPS
        + " above the working directory); pass -D" + ROOT_PROPERTY + "=DIR");
  }

  /** A file given relative to the repository root. */
  public static Path file(String relative) {
    Path p = root().resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("benchmark input missing: " + p);
    }
    return p;
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(file(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static AudioClip clip(String relative) {
    try {
      return AudioDecoder.decode(file(relative));
    } catch (AudioDecodeException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** The audio files of a folder (wav, flac, mp3, ogg, opus, m4a), sorted by name. */
  public static List<Path> audioFiles(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      List<Path> files = s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
              .matches(".*\\.(wav|flac|mp3|ogg|opus|m4a)"))
          .sorted()
          .collect(Collectors.toList());
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no audio files in " + folder);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }
}
