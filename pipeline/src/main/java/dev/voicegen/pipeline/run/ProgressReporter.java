package dev.voicegen.pipeline.run;

import dev.voicegen.beam.common.ProgressCounters;
import dev.voicegen.beam.common.StageMetrics;
import java.util.function.Consumer;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.joda.time.Duration;

/**
 * Waits for a running job and prints a progress line every few seconds: rows done of the rows
 * read so far, rows per second, ETA and failures, from the job's attempted metrics.
 */
final class ProgressReporter {
  private final PipelineResult result;
  private final Consumer<String> sink;
  private final long intervalMillis;
  private final long startNanos = System.nanoTime();

  ProgressReporter(PipelineResult result, Consumer<String> sink, double intervalSeconds) {
    this.result = result;
    this.sink = sink;
    this.intervalMillis = Math.max(100, Math.round(intervalSeconds * 1000));
  }

  /** Blocks until the job ends, reporting as it goes; returns the final state. */
  PipelineResult.State waitUntilFinish() {
    while (true) {
      PipelineResult.State state = result.waitUntilFinish(Duration.millis(intervalMillis));
      if (state != null && state.isTerminal()) {
        return state;
      }
      report();
    }
  }

  void report() {
    long read = 0;
    long ok = 0;
    long failed = 0;
    MetricQueryResults q;
    try {
      q = StageMetrics.query(result);
    } catch (RuntimeException e) {
      return; // a runner that cannot report metrics while running just gets no progress line
    }
    for (MetricResult<Long> c : q.getCounters()) {
      long v = c.getAttempted() == null ? 0 : c.getAttempted();
      switch (c.getName().getName()) {
        case ProgressCounters.ROWS_READ -> read += v;
        case ProgressCounters.ROWS_OK -> ok += v;
        case ProgressCounters.ROWS_FAILED -> failed += v;
        default -> {}
      }
    }
    sink.accept(line(read, ok, failed, (System.nanoTime() - startNanos) / 1e9));
  }

  static String line(long read, long ok, long failed, double seconds) {
    long done = ok + failed;
    double rate = seconds > 0 ? done / seconds : 0;
    String eta =
        rate > 0 && read >= done ? String.format("%.0f s", (read - done) / rate) : "unknown";
    return String.format(
        "progress: %d/%d rows (%.1f%%), %.1f rows/s, ETA %s, %d failed",
        done, read, read == 0 ? 0.0 : 100.0 * done / read, rate, eta, failed);
  }
}
