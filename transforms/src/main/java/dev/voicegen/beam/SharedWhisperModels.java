package dev.voicegen.beam;

import dev.voicegen.whisper.WhisperModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** One Whisper model per JVM and directory, reference-counted like the speech engines. */
final class SharedWhisperModels {
  private static final Map<String, Entry> MODELS = new HashMap<>();

  private static final class Entry {
    final WhisperModel model;
    int users;

    Entry(WhisperModel model) {
      this.model = model;
    }
  }

  private SharedWhisperModels() {}

  static synchronized WhisperModel acquire(String dir, int threads) {
    Entry e = MODELS.get(dir);
    if (e == null) {
      e = new Entry(WhisperModel.load(Path.of(dir), WhisperModel.Settings.defaults().withThreads(threads)));
      MODELS.put(dir, e);
    }
    e.users++;
    return e.model;
  }

  static synchronized void release(String dir) {
    Entry e = MODELS.get(dir);
    if (e != null && --e.users == 0) {
      MODELS.remove(dir);
      e.model.close();
    }
  }
}
