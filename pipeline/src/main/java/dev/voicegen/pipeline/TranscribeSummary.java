package dev.voicegen.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.beam.OutputLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
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
    ArrayNode failures = r.putArray("failures");
    ObjectNode byStage = r.putObject("failures_by_stage");
    ObjectNode timings = r.putObject("timing_ms");
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Channels.newInputStream(
                    FileSystems.open(layout.file(OutputLayout.STATS + "/stats.jsonl"))),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode n = JSON.readTree(line);
        switch (n.get("kind").asText()) {
          case "count" -> r.put(n.get("name").asText(), n.get("value").asLong());
          case "failure" -> {
            String stage = n.get("stage").asText();
            ObjectNode f = failures.addObject();
            f.put("stage", stage);
            f.put("reason", n.get("reason").asText());
            f.put("count", n.get("count").asLong());
            byStage.put(stage, byStage.path(stage).asLong(0) + n.get("count").asLong());
          }
          case "timing" -> {
            ObjectNode t = timings.putObject(n.get("stage").asText());
            for (String key : new String[] {"count", "mean_ms", "p50_ms", "p95_ms", "max_ms"}) {
              t.set(key.replace("_ms", ""), n.get(key));
            }
          }
          default -> {}
        }
      }
    }
    r.put("wall_time_s", (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
    r.put("started_at", started.toString());
    r.put("finished_at", finished.toString());
    r.put("runner", options.getRunner().getSimpleName());
    r.put("input", options.getInput());
    r.put("output", layout.root());
    r.put("model_dir", options.getWhisperModelDir());
    r.put("language", options.getLanguage() == null ? "auto" : options.getLanguage());
    r.put("batch_size", options.getBatchSize());
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
