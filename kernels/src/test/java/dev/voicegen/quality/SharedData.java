package dev.voicegen.quality;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-only shared folder beside the repository ({@code ../shared} from its root, so
 * {@code ../../shared} from a module's test working directory): the real quality models, the 25
 * real voices and their goldens. A test that needs it fails, rather than skips, without it.
 */
final class SharedData {
  static final Path ROOT = Path.of("../../shared").toAbsolutePath().normalize();
  static final Path MODELS = ROOT.resolve("models");
  static final Path VOICES = ROOT.resolve("data/voices");
  static final Path GOLDENS = ROOT.resolve("goldens");

  private SharedData() {}

  static Path require(Path p) {
    assertTrue(Files.exists(p), p + " is missing: the tests need the shared models, voices and goldens at ../shared");
    return p;
  }

  /** A golden table: file name to its columns (header name to text), in file order. */
  static Map<String, Map<String, String>> table(String name) {
    try {
      List<String> lines = Files.readAllLines(require(GOLDENS.resolve(name)));
      String[] header = lines.get(0).split("\t");
      Map<String, Map<String, String>> rows = new LinkedHashMap<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split("\t");
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i < header.length; i++) {
          row.put(header[i], cells[i]);
        }
        rows.put(cells[0], row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AudioClip voice(String file) {
    try {
      return AudioDecoder.decode(require(VOICES.resolve(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
