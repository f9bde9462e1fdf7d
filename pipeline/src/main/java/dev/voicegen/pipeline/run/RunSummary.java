package dev.voicegen.pipeline.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.beam.common.StageMetrics;
import dev.voicegen.pipeline.common.EngineLabel;
import dev.voicegen.pipeline.common.JobSummary;
import dev.voicegen.pipeline.common.StatisticsFile;
import java.io.IOException;
import java.time.Instant;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;

/**
 * summary.json: counts, failures by stage and reason, per-stage timing, wall time, engine (with
 * {@code voice_cloned} and {@code model_license}) and the
 * job's Beam metrics. Counts and timings come from the statistics the pipeline computed from the
 * data; the metrics are the runner's own view.
 */
public final class RunSummary extends JobSummary {
  private RunSummary() {
    super("rows");
  }

  static RunSummary build(
      OutputLayout layout,
      PipelineResult result,
      RunOptions options,
      EngineLabel engine,
      Instant started,
      Instant finished)
      throws IOException {
    RunSummary s = new RunSummary();
    ObjectNode r = s.root;
    s.putZeroCounts("skipped");
    StatisticsFile.readInto(layout, r, JSON.createObjectNode());
    s.putTimes(started, finished, options.getRunner());
    r.put("engine", engine.name());
    r.put("voice_cloned", engine.voiceCloned());
    r.put("model_license", engine.modelLicense());
    r.put("manifest", options.getManifest());
    r.put("output", layout.root());
    r.put("preprocess", options.getPreprocess());
    r.set("metrics", metrics(result));
    return s;
  }

  /** What the loaded engine says about itself, e.g. XTTS's {@code xtts_batching}. */
  void putEngineFacts(java.util.Map<String, String> facts) {
    facts.forEach(root::put);
  }

  /**
   * {@code engine_load_s}: how long the driver took to load the engine at start, inside
   * {@code wall_time_s} (DirectRunner's workers share that copy; Flink's TaskManagers load their own).
   */
  void engineLoad(double seconds) {
    if (Double.isFinite(seconds)) {
      root.put("engine_load_s", Math.round(seconds * 1000) / 1000.0);
    }
  }

  /** Audio files of an earlier run that no metadata row of this run describes, removed. */
  void audioRemoved(long count) {
    root.put("audio_removed", count);
  }

  /**
   * {@code quality_models}: the folder the job took its quality models from and which of them it
   * held, so that null scores are told apart from scores never asked for.
   */
  void qualityModels(String dir, boolean dnsmos, boolean vad) {
    ObjectNode q = root.putObject("quality_models");
    q.put("dir", dir);
    q.put("dnsmos", dnsmos);
    q.put("silero_vad", vad);
  }

  private static ObjectNode metrics(PipelineResult result) {
    ObjectNode out = JSON.createObjectNode();
    ObjectNode counters = out.putObject("counters");
    ObjectNode distributions = out.putObject("distributions");
    MetricQueryResults q;
    try {
      q = StageMetrics.query(result);
    } catch (UnsupportedOperationException e) {
      out.put("unavailable", "the runner does not report metrics: " + e.getMessage());
      return out;
    }
    // a metric updated in several steps is reported once per step: add them up
    for (MetricResult<Long> c : q.getCounters()) {
      String name = c.getName().getName();
      counters.put(name, counters.path(name).asLong(0) + committedOrAttempted(c));
    }
    for (MetricResult<DistributionResult> d : q.getDistributions()) {
      DistributionResult v = committedOrAttempted(d);
      if (v.getCount() == 0) {
        continue;
      }
      String name = d.getName().getName();
      ObjectNode n = (ObjectNode) distributions.get(name);
      if (n == null) {
        n = distributions.putObject(name);
        n.put("count", 0L);
        n.put("sum", 0L);
        n.put("min", v.getMin());
        n.put("max", v.getMax());
      }
      n.put("count", n.get("count").asLong() + v.getCount());
      n.put("sum", n.get("sum").asLong() + v.getSum());
      n.put("min", Math.min(n.get("min").asLong(), v.getMin()));
      n.put("max", Math.max(n.get("max").asLong(), v.getMax()));
      n.put("mean", n.get("sum").asDouble() / n.get("count").asLong());
    }
    return out;
  }

  private static <T> T committedOrAttempted(MetricResult<T> m) {
    try {
      return m.getCommitted();
    } catch (UnsupportedOperationException e) {
      return m.getAttempted();
    }
  }
}
