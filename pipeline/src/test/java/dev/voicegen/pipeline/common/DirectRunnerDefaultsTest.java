package dev.voicegen.pipeline.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class DirectRunnerDefaultsTest {
  private static final int BEAM_DEFAULT = Math.max(Runtime.getRuntime().availableProcessors(), 3);

  @Test
  void cpuJobsRunOneBundlePerOnnxThreadGroup() {
    assertEquals(1, DirectRunnerDefaults.workerThreads("cpu", 0, 2)); // all cores per call
    assertEquals(1, DirectRunnerDefaults.workerThreads("cpu", 0, 16));
    assertEquals(2, DirectRunnerDefaults.workerThreads("cpu", 1, 2));
    assertEquals(4, DirectRunnerDefaults.workerThreads("cpu", 4, 16));
    assertEquals(3, DirectRunnerDefaults.workerThreads("cpu", 5, 16));
    assertEquals(1, DirectRunnerDefaults.workerThreads("cpu", 32, 16)); // more threads than cores
  }

  @Test
  void cudaAndUnknownDevicesKeepBeamsDefault() {
    assertEquals(0, DirectRunnerDefaults.workerThreads("cuda", 0, 16));
    assertEquals(0, DirectRunnerDefaults.workerThreads("cuda:1", 2, 16));
    assertEquals(0, DirectRunnerDefaults.workerThreads("tpu", 0, 16)); // refused later, at start
  }

  @Test
  void appliesOnlyWhenTheFlagIsNotGiven() {
    assertEquals(1, parallelism(List.of()));
    assertEquals(5, parallelism(List.of("--targetParallelism=5")));
    assertEquals(BEAM_DEFAULT, parallelism(List.of("--device=cuda")));
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(cores, parallelism(List.of("--onnxThreads=1")));
  }

  private static int parallelism(List<String> args) {
    RuntimeOptions o = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).as(RuntimeOptions.class);
    DirectRunnerDefaults.apply(o, args);
    return o.as(DirectOptions.class).getTargetParallelism();
  }
}
