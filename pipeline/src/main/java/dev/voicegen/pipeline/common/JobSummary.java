package dev.voicegen.pipeline.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicegen.beam.common.OutputLayout;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.time.Instant;
import org.apache.beam.sdk.io.FileSystems;

/** A job's summary.json (run or transcribe): one JSON object, written once at the end of the job. */
public abstract class JobSummary {
  public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  protected final ObjectNode root = JSON.createObjectNode();
  private final String unit;

  /** @param unit what the job counts: {@code rows} (run) or {@code files} (transcribe) */
  protected JobSummary(String unit) {
    this.unit = unit;
  }

  /** What the job counts, the prefix of its {@code _in}, {@code _ok} and {@code _failed} fields. */
  public String unit() {
    return unit;
  }

  /** The counts at zero, in their place at the top; the statistics file fills them in. */
  protected void putZeroCounts(String... more) {
    root.put(unit + "_in", 0L);
    root.put(unit + "_ok", 0L);
    root.put(unit + "_failed", 0L);
    for (String name : more) {
      root.put(unit + "_" + name, 0L);
    }
  }

  /** The fields every job has: wall time, start and end, and the Beam runner. */
  protected void putTimes(Instant started, Instant finished, Class<?> runner) {
    root.put("wall_time_s", (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0);
    root.put("started_at", started.toString());
    root.put("finished_at", finished.toString());
    root.put("runner", runner.getSimpleName());
  }

  public long count(String name) {
    return root.path(name).asLong();
  }

  public JsonNode json() {
    return root;
  }

  public void write(OutputLayout layout) throws IOException {
    try (OutputStream os =
        Channels.newOutputStream(
            FileSystems.create(layout.file(OutputLayout.SUMMARY), "application/json"))) {
      // bytes, not writeValue(os): Jackson would close the stream and then try-with-resources
      // closes it again, which S3's multipart upload channel refuses
      os.write(JSON.writeValueAsBytes(root));
    }
  }
}
