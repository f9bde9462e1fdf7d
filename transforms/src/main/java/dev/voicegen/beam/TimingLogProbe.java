package dev.voicegen.beam;

/** Lets benchmarks log a row's timing lines exactly as WriteDataset does. */
public final class TimingLogProbe {
  private TimingLogProbe() {}

  /** The timing.log lines of one row, with representative values. */
  public static void row(String id) {
    TimingLog.row(id, new VoiceTimings(12.5, 40.1, 120.7, 95.3), 61.2, 3.4, 1.9);
  }
}
