package dev.voicegen.beam;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Writes logs/timing.log: one line per row and stage, and a closing line per job. */
public final class TimingLog {
  /** The logger the Log4j configuration routes to timing.log only. */
  public static final String LOGGER = "voicegen.timing";
  private static final Logger LOG = LogManager.getLogger(LOGGER);

  private TimingLog() {}

  /** The timings of one finished row; per-sample stages are shared by the rows of a sample. */
  static void row(
      String id, VoiceTimings sample, double synthesizeMs, double postprocessMs, double writeMs) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    line(id, Stage.DECODE, sample.decodeMs());
    line(id, Stage.ANALYZE, sample.analyzeMs());
    line(id, Stage.OPTIMIZE, sample.optimizeMs());
    line(id, Stage.PREPROCESS, sample.preprocessMs());
    line(id, Stage.SYNTHESIZE, synthesizeMs);
    line(id, Stage.POSTPROCESS, postprocessMs);
    line(id, Stage.WRITE, writeMs);
  }

  private static void line(String id, Stage stage, double ms) {
    LOG.info("row={} stage={} ms={}", id, stage.label(), String.format("%.3f", ms));
  }

  /** The job's closing line: total time, mean per row and throughput. */
  public static void summary(long rows, double wallSeconds) {
    LOG.info(
        "summary rows={} total_s={} mean_per_row_ms={} rows_per_s={}",
        rows,
        String.format("%.3f", wallSeconds),
        String.format("%.3f", rows == 0 ? 0 : wallSeconds * 1000 / rows),
        String.format("%.3f", wallSeconds == 0 ? 0 : rows / wallSeconds));
  }
}
