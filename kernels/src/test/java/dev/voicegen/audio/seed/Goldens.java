package dev.voicegen.audio.seed;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * src/test/resources/seed/goldens.properties, written by make_goldens.py (pydub): the values of
 * goldens.json flattened to dotted keys, read without a JSON library.
 */
final class Goldens {
  private static final String PREFIX = "clips.";
  private final Properties values = new Properties();

  private Goldens() {
    try (InputStream in = Goldens.class.getResourceAsStream("/seed/goldens.properties")) {
      if (in == null) {
        throw new IllegalStateException("missing test resource seed/goldens.properties");
      }
      values.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read seed/goldens.properties", e);
    }
  }

  static Goldens load() {
    return new Goldens();
  }

  List<String> clipNames() {
    TreeSet<String> names = new TreeSet<>();
    for (String key : values.stringPropertyNames()) {
      if (key.startsWith(PREFIX)) {
        int end = key.indexOf(".wav.");
        names.add(key.substring(PREFIX.length(), end + ".wav".length()));
      }
    }
    return new ArrayList<>(names);
  }

  /** One clip's values under {@code section} ("analysis", "preprocess", "optimize"). */
  Clip clip(String name, String section) {
    return new Clip(PREFIX + name + "." + section + ".");
  }

  final class Clip {
    private final String prefix;

    private Clip(String prefix) {
      this.prefix = prefix;
    }

    String text(String key) {
      String value = values.getProperty(prefix + key);
      if (value == null) {
        throw new IllegalArgumentException("no golden " + prefix + key);
      }
      return value;
    }

    double number(String key) {
      return Double.parseDouble(text(key));
    }

    /** A dB value; null where pydub gave -inf (digital silence). */
    Double decibels(String key) {
      String value = text(key);
      return value.equals("null") ? null : Double.parseDouble(value);
    }

    long integer(String key) {
      return Long.parseLong(text(key));
    }

    boolean flag(String key) {
      return Boolean.parseBoolean(text(key));
    }

    List<String> list(String key) {
      String value = text(key);
      return value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    List<TimeRange> ranges(String key) {
      List<TimeRange> out = new ArrayList<>();
      for (String r : list(key)) {
        String[] ends = r.split("-");
        out.add(new TimeRange(Long.parseLong(ends[0]), Long.parseLong(ends[1])));
      }
      return out;
    }
  }

  static Path clipPath(String name) {
    try {
      return Path.of(Goldens.class.getResource("/seed/clips/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource seed/clips/" + name, e);
    }
  }
}
