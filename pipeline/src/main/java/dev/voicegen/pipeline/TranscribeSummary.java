package dev.voicegen.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.beam.OutputLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.time.Instant;
import org.apache.beam.sdk.io.FileSystems;

/**
 * The transcribe job's summary.json: file counts, failures by stage and reason, per-stage timing
 * (count, mean, p50, p95, max in ms) from the statistics the pipeline computed, and wall time.
 */
final class TranscribeSummary {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final ObjectNode root = JSON.createObjectNode();

  private TranscribeSummary() {}

  static TranscribeSummary build(
      OutputLayout layout, TranscribeOptions options, Instant started, Instant finished)
      throws IOException {
    TranscribeSummary s = new TranscribeSummary();
    ObjectNode r = s.root;
    r.put("files_in", 0L);
    r.put("files_ok", 0L);
    r.put("files_failed", 0L);
    StatisticsFile.readInto(layout, r, null);
    r.put("wall_time_s", (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
    r.put("started_at", started.toString());
    r.put("finished_at", finished.toString());
    r.put("runner", options.getRunner().getSimpleName());
    r.put("input", options.getInput());
    r.put("output", layout.root());
    r.put("model_dir", options.getWhisperModelDir());
    r.put("language", options.getLanguage() == null ? "auto" : options.getLanguage());
    r.put("batch_size", options.getBatchSize());
    r.put("quantized", options.getQuantized());
    r.put("mfcc", TranscribeJob.mfcc(options));
    return s;
  }

  long count(String name) {
    return root.path(name).asLong();
  }

  JsonNode json() {
    return root;
  }

  void write(OutputLayout layout) throws IOException {
    try (OutputStream os =
        Channels.newOutputStream(
            FileSystems.create(layout.file(OutputLayout.SUMMARY), "application/json"))) {
      JSON.writeValue(os, root);
    }
  }
}
