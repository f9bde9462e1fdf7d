package dev.voicegen.quality;

import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.onnx.SharedHandle;
import dev.voicegen.onnx.SharedPerJvm;
import java.nio.file.Path;

/**
 * One {@link QualityModels} per JVM and key (quality model directory + device), reference-counted
 * like the engines and Whisper: every worker thread acquires in setup and releases in teardown.
 */
public final class SharedQualityModels {
  private static final SharedPerJvm<Key, QualityModels> MODELS =
      new SharedPerJvm<>("quality models", Key::load);

  /**
   * What identifies a loaded set of quality models.
   *
   * @param dir the folder holding {@code dnsmos/} and {@code silero-vad/} ({@code --qualityModelDir})
   * @param device cpu, cuda or cuda:N
   * @param onnxThreads intra-op threads (0 = all cores)
   */
  public record Key(String dir, String device, int onnxThreads) implements SharedHandle<QualityModels> {
    @Override
    public QualityModels acquire() {
      return MODELS.acquire(this);
    }

    @Override
    public void release() {
      MODELS.release(this);
    }

    QualityModels load() {
      OnnxSessions.Settings settings =
          OnnxSessions.Settings.defaults().withDevice(ExecutionDevice.parse(device)).withThreads(onnxThreads);
      return QualityModels.load(Path.of(dir), settings);
    }
  }

  private SharedQualityModels() {}

  /** How many workers hold the models of this key; 0 when none is loaded. */
  public static int users(Key key) {
    return MODELS.users(key);
  }
}
