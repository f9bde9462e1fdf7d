package dev.voicegen.pipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full synthesis batches on the loopback Flink session cluster (two slots): 40 English and 20
 * German rows of one length bucket, two voices, {@code --batchSize=16} with espeak-ng. Each
 * language's rows reach the engine as full batches plus one tail: 16, 16, 8 and 16, 4.
 */
class SynthesisBatchesOnFlinkIT {
  private static Path work;
  private static FlinkSessionCluster flink;

  @BeforeAll
  static void startCluster() throws Exception {
    work = ItEnvironment.freshWorkFolder("SynthesisBatchesOnFlinkIT");
    flink = FlinkSessionCluster.start(work.resolve("flink"), Map.of());
  }

  @AfterAll
  static void stopCluster() {
    if (flink != null) {
      flink.close();
    }
  }

  @Test
  void bucketsReachTheEngineInFullBatches() throws Exception {
    Path in = work.resolve("in");
    Files.createDirectories(in.resolve("voices"));
    for (String voice : List.of("alice.wav", "carla_48k.wav")) {
      Files.copy(
          ItEnvironment.home().resolve("run-configs/demo/voices/" + voice), in.resolve("voices/" + voice));
    }
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    Set<String> ids = new TreeSet<>();
    // every text under 32 characters: one length bucket per language
    for (int i = 0; i < 60; i++) {
      String language = i < 40 ? "en" : "de";
      String text = language.equals("en") ? "Sentence number " + i + "." : "Satz Nummer " + i + ".";
      String id = String.format("row-%03d", i);
      ids.add(id);
      csv.add(id + ",\"" + text + "\",voices/" + (i % 2 == 0 ? "alice.wav" : "carla_48k.wav") + "," + language + ",");
    }
    Path manifest = Files.write(in.resolve("manifest.csv"), csv);
    Path out = work.resolve("out");

    VoicegenJob.Result r =
        new VoicegenJob(work.resolve("batches.log"), "1g",
                "--runner=FlinkRunner",
                "--flinkMaster=" + flink.master(),
                "--parallelism=2",
                "--manifest=" + manifest,
                "--output=" + out,
                "--engine=espeak",
                "--batchSize=16",
                "--logDir=" + work.resolve("logs"))
            .run(600);

    assertEquals(0, r.exitCode(), r.output());
    FinishedDataset d = new FinishedDataset(out);
    d.assertEveryRowExactlyOnce(ids, 60);
    assertEquals(60, d.metadata.size(), "every row synthesised");
    assertEquals("FlinkRunner", d.summary.path("runner").asText());
    JsonNode batches = d.summary.path("metrics").path("distributions").path("synthesize.batch_size");
    // en: 16 + 16 + 8, de: 16 + 4; fixed shards or per-slot batching would make more, smaller ones
    assertEquals(60, batches.path("sum").asLong(), batches.toString());
    assertEquals(5, batches.path("count").asLong(), batches.toString());
    assertEquals(16, batches.path("max").asLong(), batches.toString());
    assertEquals(4, batches.path("min").asLong(), batches.toString());
  }
}
