package dev.voicegen.pipeline.transcribe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.beam.common.OutputLayout;
import dev.voicegen.pipeline.common.JobSummary;
import dev.voicegen.pipeline.common.StatisticsFile;
import java.io.IOException;
import java.time.Instant;

/**
 * The transcribe job's summary.json: file counts, failures by stage and reason, per-stage timing
 * (count, mean, p50, p95, max in ms) from the statistics the pipeline computed, and wall time.
 */
final class TranscribeSummary extends JobSummary {
  private TranscribeSummary() {
    super("files");
  }

  static TranscribeSummary build(
      OutputLayout layout, TranscribeOptions options, Instant started, Instant finished)
      throws IOException {
    TranscribeSummary s = new TranscribeSummary();
    ObjectNode r = s.root;
    s.putZeroCounts();
    StatisticsFile.readInto(layout, r, null);
    s.putTimes(started, finished, options.getRunner());
    r.put("input", options.getInput());
    r.put("output", layout.root());
    r.put("model_dir", options.getWhisperModelDir());
    r.put("language", options.getLanguage() == null ? "auto" : options.getLanguage());
    r.put("batch_size", options.getBatchSize());
    r.put("quantized", options.getQuantized());
    r.put("mfcc", TranscribeGraph.mfcc(options));
    return s;
  }
}
