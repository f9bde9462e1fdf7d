package dev.voicegen.pipeline.common;

import org.apache.beam.sdk.PipelineResult;

/**
 * A finished job, run or transcribe: its summary.json and the runner's result. The counts are of
 * the job's unit ({@link JobSummary#unit()}: rows for run, files for transcribe).
 */
public record JobOutcome(JobSummary summary, PipelineResult result) {
  public long in() {
    return summary.count(summary.unit() + "_in");
  }

  public long ok() {
    return summary.count(summary.unit() + "_ok");
  }

  public long failed() {
    return summary.count(summary.unit() + "_failed");
  }

  /** Skipped by --resume (run only; 0 for transcribe). */
  public long skipped() {
    return summary.count(summary.unit() + "_skipped");
  }
}
