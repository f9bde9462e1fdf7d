package dev.voicegen.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;

/**
 * Session options chosen on purpose for the ONNX graphs (XTTS, Whisper), and session creation with errors that name
 * the graph file. One options object per model; ORT copies it into each session.
 */
public final class OnnxSessions {
  /**
   * How sessions run: the execution device, intra-op threads (0 = all available cores), and whether
   * to load a model's int8 graphs where it has them (XTTS {@code files.gpt_model_int8}, Whisper's
   * {@code onnx/*_quantized.onnx}) instead of the float ones.
   */
  public record Settings(ExecutionDevice device, int intraOpThreads, boolean int8) {
    public static Settings defaults() {
      return new Settings(ExecutionDevice.CPU, 0, false);
    }

    public Settings withDevice(ExecutionDevice d) {
      return new Settings(d, intraOpThreads, int8);
    }

    public Settings withThreads(int threads) {
      return new Settings(device, threads, int8);
    }

    public Settings withInt8(boolean useInt8) {
      return new Settings(device, intraOpThreads, useInt8);
    }

    public int effectiveThreads() {
      return intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
    }
  }

  private OnnxSessions() {}

  /** Builds session options; {@code cuda} fails here, before any graph is read, when unavailable. */
  public static OrtSession.SessionOptions options(Settings settings) {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    try {
      // Parallelism inside each op; the graphs are one chain, so a second inter-op thread only idles.
      o.setIntraOpNumThreads(settings.effectiveThreads());
      o.setInterOpNumThreads(1);
      o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // The arena keeps freed blocks for the next decode step instead of returning them to malloc.
      o.setCPUArenaAllocator(true);
      // Shapes change every step (past length grows), so pattern planning would only re-plan.
      o.setMemoryPatternOptimization(false);
    } catch (OrtException e) {
      o.close();
      throw new ModelException("cannot set ONNX Runtime session options: " + e.getMessage(), e);
    }
    if (settings.device().kind() == ExecutionDevice.Kind.CUDA) {
      addCuda(o, settings.device());
    }
    return o;
  }

  private static void addCuda(OrtSession.SessionOptions o, ExecutionDevice device) {
    try {
      o.addCUDA(device.deviceId());
    } catch (OrtException | RuntimeException | LinkageError e) {
      o.close();
      throw new ModelException("--device=cuda: CUDA execution provider cannot load: "
          + e.getMessage() + ". Build with -Pgpu (onnxruntime_gpu) on a machine with CUDA 12 and cuDNN 9", e);
    }
  }

  /** Creates one session; a failure names the file relative to the model directory. */
  public static OrtSession open(OrtEnvironment env, Path root, String file, OrtSession.SessionOptions o) {
    try {
      return env.createSession(root.resolve(file).toString(), o);
    } catch (OrtException e) {
      throw ModelException.of(file, "ONNX Runtime cannot load it: " + e.getMessage());
    }
  }
}
