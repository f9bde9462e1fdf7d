package dev.voicegen.pipeline.common;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.NativeHugePages;
import dev.voicegen.onnx.OrtApi;
import org.apache.beam.sdk.options.PipelineOptions;
import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.List;

/** What the job runs on, for the first log lines of every run. */
public final class RuntimeInfo {
  private RuntimeInfo() {}

  static String version() {
    String v = RuntimeInfo.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public static String host(PipelineOptions options) {
    Runtime rt = Runtime.getRuntime();
    return String.format(
        "voicegen %s | Java %s (%s) | %s %s %s | %d cores | max heap %d MB | %s | %s | runner %s",
        version(),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"),
        rt.availableProcessors(),
        rt.maxMemory() >> 20,
        NativeHugePages.describe(),
        jit(ManagementFactory.getRuntimeMXBean().getInputArguments()),
        options.getRunner().getSimpleName());
  }

  /**
   * The JIT's set-up from the JVM's arguments: the compiler directives file that bin/voicegen-java gives
   * (bin/jit-directives.json: C2 for voicegen's own code and the libraries its per-row work calls) or
   * another, else HotSpot's default.
   */
  static String jit(List<String> jvmArguments) {
    String prefix = "-XX:CompilerDirectivesFile=";
    String file = null;
    for (String a : jvmArguments) {
      if (a.startsWith(prefix)) {
        file = a.substring(prefix.length()); // the last one counts, as for the JVM
      }
    }
    return file == null ? "JIT: HotSpot's default (no compiler directives)" : "JIT: compiler directives " + file;
  }

  /** ONNX Runtime's version, its execution providers, and whether CUDA is one of them. */
  public static String onnxRuntime() {
    try {
      EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
      String version = OrtEnvironment.getEnvironment().getVersion();
      boolean cuda = providers.contains(OrtProvider.CUDA);
      return String.format(
          "ONNX Runtime %s (%s) | providers %s | CUDA %s",
          version,
          OrtApi.libraryOrigin(),
          providers,
          cuda ? "available" : "not available (CPU build of ONNX Runtime or no GPU)");
    } catch (Throwable e) { // a missing native library must not stop a job that needs no model
      return "ONNX Runtime not loadable: " + e;
    }
  }

  /** {@code --device} must be cpu, cuda or cuda:N (the engines load the provider later). */
  public static void checkDevice(RuntimeOptions o) {
    try {
      ExecutionDevice.parse(o.getDevice());
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
  }
}
