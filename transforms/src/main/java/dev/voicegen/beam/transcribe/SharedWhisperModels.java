package dev.voicegen.beam.transcribe;

import dev.voicegen.whisper.WhisperModel;
import dev.voicegen.xtts.ExecutionDevice;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One Whisper model per JVM and key (model directory + device), reference-counted: every worker
 * thread acquires it in setup and releases it in teardown; the last release closes it.
 */
public final class SharedWhisperModels {
  private static final Map<Key, Entry> MODELS = new HashMap<>();

  /**
   * What identifies a loaded model.
   *
   * @param modelDir the Hugging Face ONNX layout directory
   * @param device cpu, cuda or cuda:N
   * @param onnxThreads intra-op threads (0 = all cores)
   * @param quantized the int8 graphs ({@code onnx/*_quantized.onnx}) instead of the float ones
   */
  public record Key(String modelDir, String device, int onnxThreads, boolean quantized) implements Serializable {
    /** The float graphs. */
    public Key(String modelDir, String device, int onnxThreads) {
      this(modelDir, device, onnxThreads, false);
    }

    WhisperModel load() {
      return WhisperModel.load(
          Path.of(modelDir),
          new WhisperModel.Settings(ExecutionDevice.parse(device), onnxThreads, quantized));
    }
  }

  private static final class Entry {
    final WhisperModel model;
    int users;

    Entry(WhisperModel model) {
      this.model = model;
    }
  }

  private SharedWhisperModels() {}

  public static synchronized WhisperModel acquire(Key key) {
    Entry entry = MODELS.get(key);
    if (entry == null) {
      entry = new Entry(key.load());
      MODELS.put(key, entry);
    }
    entry.users++;
    return entry.model;
  }

  public static synchronized void release(Key key) {
    Entry entry = MODELS.get(key);
    if (entry == null) {
      return;
    }
    if (--entry.users == 0) {
      MODELS.remove(key);
      entry.model.close();
    }
  }

  /** How many workers hold the model of this key; 0 when none is loaded. */
  public static synchronized int users(Key key) {
    Entry entry = MODELS.get(key);
    return entry == null ? 0 : entry.users;
  }
}
