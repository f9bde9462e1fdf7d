package dev.voicegen.pipeline.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.beam.common.OutputLayout;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.io.FileSystems;

/**
 * Reads the statistics a job wrote to {@code _stats/stats.jsonl} into a summary: counts at the top
 * level, {@code failures}, {@code failures_by_stage}, {@code timing_ms}, (when given) {@code asr},
 * and, when the job wrote them, {@code quality} (DNSMOS distributions) and {@code attempts} (rows
 * kept at each attempt).
 */
public final class StatisticsFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatisticsFile() {}

  /**
   * @param asr where {@code asr} lines go; null for a job that writes none
   */
  public static void readInto(OutputLayout layout, ObjectNode root, ObjectNode asr) throws IOException {
    ArrayNode failures = root.putArray("failures");
    ObjectNode byStage = root.putObject("failures_by_stage");
    ObjectNode timings = root.putObject("timing_ms");
    if (asr != null) {
      root.set("asr", asr);
    }
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
          case "count" -> root.put(n.get("name").asText(), n.get("value").asLong());
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
          case "asr" -> {
            if (asr != null) {
              ObjectNode m = asr.putObject(n.get("metric").asText());
              for (String key : new String[] {"count", "mean", "p50", "p95", "max"}) {
                m.set(key, n.get(key));
              }
            }
          }
          case "quality" -> {
            // the outputs' DNSMOS distributions (voicegen run)
            ObjectNode m = root.with("quality").putObject(n.get("metric").asText());
            for (String key : new String[] {"count", "mean", "p50", "p95", "max"}) {
              m.set(key, n.get(key));
            }
          }
          case "attempts" -> root.with("attempts").put(n.get("attempts").asText(), n.get("rows").asLong());
          default -> {}
        }
      }
    }
  }
}
