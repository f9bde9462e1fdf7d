package dev.voicegen.beam.common;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Writes logs/timing.log: one line per row and stage, and a closing line per job. */
public final class TimingLog {
  /** The logger the Log4j configuration routes to timing.log only. */
  public static final String LOGGER = "voicegen.timing";
  private static final Logger LOG = LogManager.getLogger(LOGGER);

  private TimingLog() {}

  /** The timings of one finished row; per-sample stages are shared by the rows of a sample. */
  public static void row(
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
    stageLine("row", id, stage.label(), ms);
  }

  /** One {@code <subject>=<id> stage=<stage> ms=<ms>} line (row for run, file for transcribe). */
  public static void stageLine(String subject, String id, String stage, double ms) {
    LOG.info("{}={} stage={} ms={}", subject, id, stage, String.format("%.3f", ms));
  }

  /** The run job's closing line: total time, mean per row and throughput. */
  public static void summary(long rows, double wallSeconds) {
    summary("row", rows, wallSeconds);
  }

  /**
   * A job's closing line: {@code summary <unit>s=N total_s=T mean_per_<unit>_ms=M <unit>s_per_s=R}.
   */
  public static void summary(String unit, long count, double wallSeconds) {
    LOG.info(
        "summary {}s={} total_s={} mean_per_{}_ms={} {}s_per_s={}",
        unit,
        count,
        String.format("%.3f", wallSeconds),
        unit,
        String.format("%.3f", count == 0 ? 0 : wallSeconds * 1000 / count),
        unit,
        String.format("%.3f", wallSeconds == 0 ? 0 : count / wallSeconds));
  }
}
