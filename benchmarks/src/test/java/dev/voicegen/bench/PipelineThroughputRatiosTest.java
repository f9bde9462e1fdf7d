package dev.voicegen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.voicegen.bench.PipelineThroughput.JitDirectives;
import dev.voicegen.bench.PipelineThroughput.Job;
import dev.voicegen.bench.PipelineThroughput.Ratios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * bench-pipeline's three ratios and their medians over rounds, from the figures both runs print; which jobs
 * --jitDirectives runs, and a job's fixed cost.
 */
class PipelineThroughputRatiosTest {
  // engine: 8 s load, 2 s voice preparation, 30 s synthesis; job: 50 s wall with a 12 s load, 32 s in batches; 64 rows each
  private final Ratios r = new Ratios(8, 2, 30, 50, 12, 32, 64, 64);

  @Test
  void theThreeRatios() {
    assertEquals(0.6, r.strict(), 1e-12); // (64 / 50) / (64 / 30)
    assertEquals(30.0 / 42, r.strictCeiling(), 1e-12); // a job that only loaded its model
    assertEquals(0.8, r.coldStart(), 1e-12); // (64 / 50) / (64 / (8 + 2 + 30))
    assertEquals(30.0 / 32, r.batches(), 1e-12);
  }

  @Test
  void failedRowsCountAgainstTheJob() {
    assertEquals(0.3, new Ratios(8, 2, 30, 50, 12, 32, 64, 32).strict(), 1e-12);
  }

  @Test
  void medianOfRounds() {
    Ratios slow = new Ratios(8, 2, 30, 100, 12, 32, 64, 64);
    Ratios fast = new Ratios(8, 2, 30, 40, 12, 32, 64, 64);
    assertEquals(0.6, PipelineThroughput.median(List.of(slow, r, fast), Ratios::strict), 1e-12);
    assertEquals((0.3 + 0.6) / 2, PipelineThroughput.median(List.of(slow, r), Ratios::strict), 1e-12);
  }

  @Test
  void theEnginesFiguresComeFromItsLine() {
    String line = "pipeline engine load_s=11.8 prepare_s=0.42 rows=64 failed=0 wall_s=36.2 rows_per_s=1.767"
        + " load_average=1.64 1.40";
    assertEquals(11.8, PipelineThroughput.field(line, "load_s"));
    assertEquals(36.2, PipelineThroughput.field(line, "wall_s"));
    assertEquals(0.42, PipelineThroughput.field(line, "prepare_s"));
    assertThrows(IllegalArgumentException.class, () -> PipelineThroughput.field(line, "codes"));
  }

  @Test
  void theJobsOfARoundByJitDirectives() {
    assertEquals(List.of(true), JitDirectives.parse("on").order(1));
    assertEquals(List.of(false), JitDirectives.parse("OFF").order(2));
    // both: with and without in turn, the first alternating, so neither always runs first on a warmer machine
    assertEquals(List.of(true, false), JitDirectives.parse("both").order(1));
    assertEquals(List.of(false, true), JitDirectives.parse("both").order(2));
    assertEquals(List.of(true, false), JitDirectives.parse("both").order(3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JitDirectives.parse("c1"));
    assertEquals("--jitDirectives must be on, off or both, got c1", e.getMessage());
  }

  @Test
  void aJobsFixedCostIsItsWallTimeLessItsBatches() {
    assertEquals(18.0, new Job(50, 12, 32, 64, null).fixedS(), 1e-12);
    assertEquals(55.0 / 50, new PipelineThroughput.JitPair(new Job(50, 12, 32, 64, null),
        new Job(55, 12, 32, 64, null)).wallRatio(), 1e-12);
  }
}
