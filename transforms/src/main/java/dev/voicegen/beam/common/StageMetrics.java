package dev.voicegen.beam.common;

import java.io.Serializable;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The Beam metrics of one stage in namespace {@code voicegen}: ok / failed counters, elapsed ms. */
public final class StageMetrics implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String NAMESPACE = "voicegen";

  /**
   * The job's metrics of this namespace, as the runner reports them so far.
   *
   * @throws UnsupportedOperationException or another runtime exception from a runner that cannot
   *     report metrics (at all, or while the job runs)
   */
  public static MetricQueryResults query(PipelineResult result) {
    return result
        .metrics()
        .queryMetrics(
            MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build());
  }

  private final Stage stage;
  private transient Counter ok;
  private transient Counter failed;
  private transient Distribution millis;

  public StageMetrics(Stage stage) {
    this.stage = stage;
  }

  private void init() {
    if (ok == null) {
      ok = Metrics.counter(NAMESPACE, stage.label() + ".ok");
      failed = Metrics.counter(NAMESPACE, stage.label() + ".failed");
      millis = Metrics.distribution(NAMESPACE, stage.label() + ".ms");
    }
  }

  public void ok(double elapsedMs) {
    init();
    ok.inc();
    millis.update(Math.round(elapsedMs));
  }

  public void failed(double elapsedMs) {
    init();
    failed.inc();
    millis.update(Math.round(elapsedMs));
  }

  /** Milliseconds since {@code startNanos}. */
  public static double since(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
