package dev.voicegen.audio.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecodeException;
import dev.voicegen.audio.io.AudioDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The corpus of src/test/resources/measure: clips/ (make_corpus.sh) and goldens.json
 * (make_goldens.py: ffmpeg ebur128, libebur128, a numpy port of WADA-SNR). Decoded clips are cached.
 */
final class MeasureCorpus {
  private static final Map<String, AudioClip> DECODED = new ConcurrentHashMap<>();
  private static JsonNode goldens;

  private MeasureCorpus() {}

  static Path directory() {
    try {
      return Path.of(MeasureCorpus.class.getResource("/measure/goldens.json").toURI()).getParent();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource measure/goldens.json", e);
    }
  }

  static synchronized JsonNode goldens() {
    if (goldens == null) {
      try {
        goldens = new ObjectMapper().readTree(directory().resolve("goldens.json").toFile()).get("clips");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return goldens;
  }

  static List<String> clipNames() {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = goldens().fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  static JsonNode golden(String name) {
    return goldens().get(name);
  }

  /** A golden number; null where the reference had none (not measurable). */
  static Double number(String name, String pointer) {
    JsonNode value = golden(name).at(pointer);
    if (value.isMissingNode()) {
      throw new IllegalArgumentException("no golden " + name + pointer);
    }
    return value.isNull() ? null : value.asDouble();
  }

  static AudioClip clip(String name) {
    return DECODED.computeIfAbsent(name, n -> {
      try {
        return AudioDecoder.decode(directory().resolve("clips").resolve(n));
      } catch (AudioDecodeException e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
