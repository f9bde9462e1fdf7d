package dev.voicegen.beam.transcribe;

import dev.voicegen.beam.common.TimingLog;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The transcribe job's lines in logs/timing.log: one per file and stage, one closing line. */
public final class TranscriptTimingLog {
  private static final Logger LOG = LogManager.getLogger(TimingLog.LOGGER);

  private TranscriptTimingLog() {}

  static void file(String uri, double decodeMs, double transcribeMs, double mfccMs) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    line(uri, TranscribeStage.DECODE, decodeMs);
    line(uri, TranscribeStage.TRANSCRIBE, transcribeMs);
    line(uri, TranscribeStage.MFCC, mfccMs);
  }

  private static void line(String uri, TranscribeStage stage, double ms) {
    TimingLog.stageLine("file", uri, stage.label(), ms);
  }

  /** The job's closing line: total time, mean per transcribed file and throughput. */
  public static void summary(long files, double wallSeconds) {
    TimingLog.summary("file", files, wallSeconds);
  }
}
