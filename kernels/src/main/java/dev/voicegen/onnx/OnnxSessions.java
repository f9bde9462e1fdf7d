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
   * XTTS kvBinding: whether the GPT's KV cache stays in ONNX Runtime's memory between decode steps
   * (IoBinding) or goes through host memory (the reference path). AUTO binds it on CUDA, where it
   * saves the PCIe copies, and not on CPU, where it saves no copy and measured 0.92x-0.97x the
   * reference's decode throughput per CPU second at batch 16 (README "XTTS KV cache").
   */
  public enum KvBinding { AUTO, ON, OFF }

  /**
   * How sessions run: the execution device, intra-op threads (0 = all available cores), whether to
   * load a model's int8 graphs where it has them (XTTS {@code files.gpt_model_int8}, Whisper's
   * {@code onnx/*_quantized.onnx}) instead of the float ones, and XTTS's {@link KvBinding}.
   */
  public record Settings(ExecutionDevice device, int intraOpThreads, boolean int8, KvBinding kvBinding) {
    public Settings(ExecutionDevice device, int intraOpThreads, boolean int8) {
      this(device, intraOpThreads, int8, KvBinding.AUTO);
    }

    public static Settings defaults() {
      return new Settings(ExecutionDevice.CPU, 0, false, KvBinding.AUTO);
    }

    public Settings withDevice(ExecutionDevice d) {
      return new Settings(d, intraOpThreads, int8, kvBinding);
    }

    public Settings withThreads(int threads) {
      return new Settings(device, threads, int8, kvBinding);
    }

    public Settings withInt8(boolean useInt8) {
      return new Settings(device, intraOpThreads, useInt8, kvBinding);
    }

    public Settings withKvBinding(KvBinding binding) {
      return new Settings(device, intraOpThreads, int8, binding);
    }

    /** Whether the XTTS KV cache stays in ONNX Runtime's memory: ON, or AUTO on CUDA. */
    public boolean bindKvCache() {
      return kvBinding == KvBinding.ON || (kvBinding == KvBinding.AUTO && device.kind() == ExecutionDevice.Kind.CUDA);
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
          + e.getMessage() + "; " + ExecutionDevice.HOW_TO_GET_CUDA, e);
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
