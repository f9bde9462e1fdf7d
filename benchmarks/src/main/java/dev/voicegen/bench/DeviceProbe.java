package dev.voicegen.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import dev.voicegen.onnx.ExecutionDevice;
import dev.voicegen.onnx.OnnxSessions;
import dev.voicegen.onnx.OrtApi;
import dev.voicegen.xtts.XttsModel;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * bin/device-check's probe: does ONNX Runtime in this jar run the XTTS graphs on the device? Prints
 * the ONNX Runtime version and its execution providers, then loads a model directory (default: the
 * tiny fixture) on the device, which runs every graph once through the batching probe, so a CUDA
 * provider that registers but cannot run (cuDNN is only opened on first use) fails here too.
 *
 * <pre>
 * DeviceProbe [--device=cpu|cuda|cuda:N] [--modelDir=DIR]
 * </pre>
 *
 * <p>Exit 0 with {@code probe ...} lines; exit 1 with one {@code device probe failed: ...} line on
 * stderr.
 */
public final class DeviceProbe {
  private DeviceProbe() {}

  public static void main(String[] args) {
    try {
      run(args, System.out);
    } catch (RuntimeException e) {
      System.err.println("device probe failed: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Prints the probe lines; throws with the reason when the device cannot run the model. */
  static void run(String[] args, PrintStream out) {
    Map<String, String> opt = BenchCommand.parse(args, List.of("device", "modelDir"));
    ExecutionDevice device = ExecutionDevice.parse(opt.getOrDefault("device", "cpu"));
    Path dir = Path.of(opt.getOrDefault("modelDir",
        BenchCorpus.root().resolve(BenchCorpus.TINY_XTTS).toString()));
    if (!Files.isRegularFile(dir.resolve("metadata.json"))) {
      throw new IllegalArgumentException("--modelDir=" + dir + ": no metadata.json");
    }
    EnumSet<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
    String version = OrtEnvironment.getEnvironment().getVersion();
    out.printf(Locale.ROOT, "probe onnxruntime=%s providers=%s java=%s library=\"%s\"%n", version,
        providers.stream().map(Enum::name).collect(Collectors.joining(",")), System.getProperty("java.version"),
        OrtApi.libraryOrigin());
    if (device.kind() == ExecutionDevice.Kind.CUDA && !providers.contains(OrtProvider.CUDA)) {
      throw new IllegalStateException("ONNX Runtime " + version + " (" + OrtApi.libraryOrigin()
          + ") has no CUDA execution provider (a CPU build): " + ExecutionDevice.HOW_TO_GET_CUDA);
    }
    OnnxSessions.Settings settings = OnnxSessions.Settings.defaults().withDevice(device);
    long t0 = System.nanoTime();
    // a fresh probe whatever a probe record holds: it is what runs every graph once on the device
    try (XttsModel model = XttsModel.load(dir, settings, true)) {
      out.printf(Locale.ROOT, "probe device=%s model=%s layers=%d dim=%d load_s=%.2f batching=%s%n", device, dir,
          model.metadata().nLayer(), model.metadata().embedDim(), (System.nanoTime() - t0) / 1e9,
          model.batching());
    }
  }
}
