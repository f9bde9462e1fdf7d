package dev.voicegen.whisper;

import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.SharedHandle;
import dev.voicegen.onnx.SharedPerJvm;
import java.nio.file.Path;

/**
 * One Whisper model per JVM and key (model directory + device), reference-counted: every worker
 * thread acquires it in setup and releases it in teardown; the last release closes it.
 */
public final class SharedWhisperModels {
  private static final SharedPerJvm<Key, WhisperModel> MODELS = new SharedPerJvm<>("Whisper model", Key::load);

  /**
   * What identifies a loaded model.
   *
   * @param modelDir the Hugging Face ONNX layout directory
   * @param device cpu, cuda or cuda:N
   * @param onnxThreads intra-op threads (0 = all cores)
   * @param quantized the int8 graphs ({@code onnx/*_quantized.onnx}) instead of the float ones
   */
  public record Key(String modelDir, String device, int onnxThreads, boolean quantized)
      implements SharedHandle<WhisperModel> {
    /** The float graphs. */
    public Key(String modelDir, String device, int onnxThreads) {
      this(modelDir, device, onnxThreads, false);
    }

    @Override
    public WhisperModel acquire() {
      return MODELS.acquire(this);
    }

    @Override
    public void release() {
      MODELS.release(this);
    }

    WhisperModel load() {
      return WhisperModel.load(
          Path.of(modelDir),
          new OnnxSessions.Settings(ExecutionDevice.parse(device), onnxThreads, quantized));
    }
  }

  private SharedWhisperModels() {}

  /** How many workers hold the model of this key; 0 when none is loaded. */
  public static int users(Key key) {
    return MODELS.users(key);
  }
}
