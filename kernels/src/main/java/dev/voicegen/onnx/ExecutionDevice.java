package dev.voicegen.onnx;

import java.util.Locale;

/** Where ONNX Runtime runs the graphs: {@code cpu} (default) or {@code cuda[:deviceId]}. */
public record ExecutionDevice(Kind kind, int deviceId) {
  public enum Kind { CPU, CUDA }

  public static final ExecutionDevice CPU = new ExecutionDevice(Kind.CPU, 0);

  /** How to get a CUDA execution provider, for the errors that find none. */
  public static final String HOW_TO_GET_CUDA = "build with -Pgpu (onnxruntime_gpu, for CUDA 12 and cuDNN 9),"
      + " or set VOICEGEN_ORT_LIB_DIR to ONNX Runtime's GPU build for this machine's CUDA (README, \"GPU check\")";

  public ExecutionDevice {
    if (deviceId < 0) {
      throw new IllegalArgumentException("device id must be >= 0, got " + deviceId);
    }
  }

  public static ExecutionDevice cuda(int deviceId) {
    return new ExecutionDevice(Kind.CUDA, deviceId);
  }

  /** Parses the {@code --device} option: {@code cpu}, {@code cuda} or {@code cuda:N}. */
  public static ExecutionDevice parse(String option) {
    String s = option.trim().toLowerCase(Locale.ROOT);
    if (s.equals("cpu")) {
      return CPU;
    }
    if (s.equals("cuda")) {
      return cuda(0);
    }
    if (s.startsWith("cuda:")) {
      try {
        return cuda(Integer.parseInt(s.substring(5)));
      } catch (NumberFormatException e) {
        // falls through to the error below
      }
    }
    throw new IllegalArgumentException("--device=" + option + ": expected cpu, cuda or cuda:N");
  }

  @Override
  public String toString() {
    return kind == Kind.CPU ? "cpu" : "cuda:" + deviceId;
  }
}
