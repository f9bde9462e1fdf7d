package dev.voicegen.pipeline.common;

import dev.voicegen.onnx.ExecutionDevice;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * DirectRunner flags a voicegen job sets itself when the command line (or its {@code --config})
 * does not give them.
 *
 * <p>{@code --targetParallelism}: Beam's default runs max(cores, 3) bundles at once, which suits
 * light work. A voicegen stage is ONNX Runtime, and on the CPU each of its calls already computes
 * on {@code --onnxThreads} cores (all of them by default); a worker thread with nothing to run
 * meanwhile becomes DirectRunner's monitor, which reschedules itself without pause while a long
 * bundle (a synthesis batch) runs (apache/beam#18070) and so takes a core from the model. On the
 * CPU a job therefore runs cores / onnxThreads bundles at once (one with the default threads).
 * On CUDA Beam's default stays: the model computes on the GPU, and the other stages (decoding,
 * scoring, writing) overlap it on the cores.
 */
public final class DirectRunnerDefaults {
  private DirectRunnerDefaults() {}

  /**
   * Sets {@code --targetParallelism} for a CPU job unless one of {@code args} gives it.
   *
   * @param args the job's flags, command line and config file together
   */
  public static void apply(RuntimeOptions options, List<String> args) {
    if (args.stream().anyMatch(a -> a.startsWith("--targetParallelism="))) {
      return;
    }
    int threads = workerThreads(options.getDevice(), options.getOnnxThreads(),
        Runtime.getRuntime().availableProcessors());
    if (threads > 0) {
      options.as(DirectOptions.class).setTargetParallelism(threads);
    }
  }

  /** The runner as a job's start line names it: DirectRunner with its worker threads. */
  public static String runnerLabel(PipelineOptions options) {
    String name = options.getRunner().getSimpleName();
    if (!name.equals("DirectRunner")) {
      return name;
    }
    int threads = options.as(DirectOptions.class).getTargetParallelism();
    return name + " (" + threads + " worker thread" + (threads == 1 ? "" : "s") + ")";
  }

  /**
   * Bundles at once for ONNX Runtime on {@code device} with {@code onnxThreads} per call (0 = all
   * cores); 0 keeps Beam's default (CUDA, or a device the job's own checks will refuse).
   */
  static int workerThreads(String device, int onnxThreads, int cores) {
    ExecutionDevice parsed;
    try {
      parsed = ExecutionDevice.parse(device);
    } catch (IllegalArgumentException e) {
      return 0; // RuntimeInfo.checkDevice says what is wrong, at start
    }
    if (parsed.kind() != ExecutionDevice.Kind.CPU) {
      return 0;
    }
    int perCall = onnxThreads > 0 ? Math.min(onnxThreads, cores) : cores;
    return Math.max(1, cores / perCall);
  }
}
