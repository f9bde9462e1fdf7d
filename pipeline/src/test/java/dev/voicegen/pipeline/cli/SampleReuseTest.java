package dev.voicegen.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows sharing a reference sample share its decode, analysis and preprocessing. */
class SampleReuseTest {
  @TempDir Path work;

  @Test
  void twentySpeakersAreProcessedTwentyTimesWhateverTheRowCount() throws IOException {
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    List<String> samples = new ArrayList<>();
    for (int s = 0; s < 20; s++) {
      f.scaledVoice("speaker" + s + ".wav", 0.3 + 0.03 * s);
      samples.add("voices/speaker" + s + ".wav");
    }
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.addAll(ManifestFixture.rows("row", 400, samples));
    Path manifest = f.csv("manifest.csv", csv);
    Path output = work.resolve("out");

    int status =
        new VoicegenCli(System.out, System.err)
            .execute(new String[] {"run", "--manifest=" + manifest, "--output=" + output,
                "--engine=espeak", "--batchSize=16"});

    assertEquals(0, status);
    JsonNode summary = Datasets.summary(output);
    assertEquals(400, summary.get("rows_ok").asLong());
    JsonNode counters = summary.path("metrics").path("counters");
    for (String stage : List.of("fingerprint", "decode", "analyze", "optimize", "preprocess")) {
      assertEquals(20, counters.path(stage + ".ok").asLong(), stage + ": " + counters);
    }
    assertEquals(400, counters.path("synthesize.ok").asLong());
    assertEquals(20, summary.path("timing_ms").path("preprocess").path("count").asLong());
    JsonNode batches = summary.path("metrics").path("distributions").path("synthesize.batch_size");
    assertEquals(400, batches.path("sum").asLong());
    // batches mix voices and every row is of one language and length bucket: 25 full batches
    // (per-voice batching would need 20 x ceil(20/16) = 40 batches)
    assertEquals(16, batches.path("max").asLong(), "full batches: " + batches);
    assertEquals(16, batches.path("min").asLong(), "full batches: " + batches);
    assertEquals(25, batches.path("count").asLong(), "full batches: " + batches);
  }
}
