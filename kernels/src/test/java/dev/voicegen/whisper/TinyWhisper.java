package dev.voicegen.whisper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.TestFiles;
import dev.voicegen.audio.AudioClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** The committed tiny model (src/test/resources/whisper/tiny, make_model.py --tiny) and test audio. */
final class TinyWhisper {
  static final int END_OF_TEXT = 320;
  static final int START = 321;
  static final int EN = 322;
  static final int DE = 324;
  static final int TRANSCRIBE = 335;
  static final int NO_TIMESTAMPS = 339;
  static final int VOCAB = 340;
  static final int LAYERS = 2;
  static final int HEADS = 2;

  private TinyWhisper() {}

  static Path dir() {
    try {
      return Path.of(TinyWhisper.class.getResource("/whisper/tiny/config.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A writable copy of the tiny model under {@code target}. */
  static Path copyTo(Path target) {
    return TestFiles.copyTree(dir(), target);
  }

  /** Rewrites one JSON file of a model copy. */
  static void editJson(Path model, String file, Consumer<ObjectNode> edit) {
    try {
      ObjectMapper m = new ObjectMapper();
      ObjectNode n = (ObjectNode) m.readTree(model.resolve(file).toFile());
      edit.accept(n);
      m.writeValue(model.resolve(file).toFile(), n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A tone with a little noise at 16 kHz: frequency and length steer the tiny model's transcript. */
  static AudioClip tone(double hz, double seconds, float amplitude) {
    SplittableRandom r = new SplittableRandom(Double.doubleToLongBits(hz));
    float[] s = new float[(int) (seconds * 16000)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / 16000) + 0.01 * r.nextGaussian());
    }
    return AudioClip.mono(16000, s);
  }

  /**
   * Clip {@code i} of a fixed set of tones; on the tiny model they detect as de, pt, de, zh, ... and
   * stop after 16, 16, 19, 19, ... steps.
   */
  static AudioClip clip(int i) {
    return tone(150 + 350 * i, 2 + 2.5 * i, 0.3f);
  }

  /** Clips 0..n-1. */
  static List<AudioClip> clips(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(TinyWhisper::clip).toList();
  }
}
