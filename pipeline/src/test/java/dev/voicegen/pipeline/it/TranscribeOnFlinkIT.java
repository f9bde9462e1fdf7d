package dev.voicegen.pipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar voicegen.jar transcribe} on the loopback Flink session cluster (start.sh on
 * free ports) with the tiny Whisper fixture: a corpus in two folders with one unreadable file.
 */
class TranscribeOnFlinkIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path work;
  private static FlinkSessionCluster flink;

  @BeforeAll
  static void startCluster() throws Exception {
    work = ItEnvironment.freshWorkFolder("TranscribeOnFlinkIT");
    flink = FlinkSessionCluster.start(work.resolve("flink"), Map.of());
  }

  @AfterAll
  static void stopCluster() {
    if (flink != null) {
      flink.close();
    }
  }

  @Test
  void transcribesACorpusOnTheSessionCluster() throws Exception {
    Path home = ItEnvironment.home();
    Path corpus = writeCorpus(work.resolve("corpus"));
    Path out = work.resolve("out");
    Path logs = work.resolve("logs/client");

    VoicegenJob.Result r =
        VoicegenJob.transcribe(work.resolve("transcribe.log"), "1g",
                "--runner=FlinkRunner",
                "--flinkMaster=" + flink.master(),
                "--parallelism=2",
                "--input=" + corpus + "/**",
                "--output=" + out,
                "--modelDir=" + home.resolve("kernels/src/test/resources/whisper/tiny"),
                "--batchSize=2",
                "--onnxThreads=1",
                "--logDir=" + logs)
            .run(600);

    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("files_in=5 files_ok=4 files_failed=1"), r.output());

    assertCorpusTranscribed(out, "FlinkRunner", "seed/broken.wav");

    // the job ran on the cluster: finished there, per-file timing lines in the TaskManagers' logs
    String jobs = flink.rest("/jobs/overview");
    assertTrue(jobs.contains("\"state\":\"FINISHED\""), jobs);
    assertTrue(Files.readString(logs.resolve("timing.log")).contains("summary files=4 total_s="),
        "the client's timing.log closes with the summary line");
    Path clusterLogs = flink.logs();
    flink.close(); // timing.log is buffered: a TaskManager writes it out when it stops
    flink = null;
    StringBuilder workerTiming = new StringBuilder();
    try (Stream<Path> walk = Files.walk(clusterLogs)) {
      for (Path f : walk.filter(p -> p.getFileName().toString().equals("timing.log")).toList()) {
        workerTiming.append(Files.readString(f));
      }
    }
    for (String file : List.of("alice.wav", "bob_stereo.flac", "carla_48k.wav", "short.wav")) {
      assertTrue(workerTiming.toString().contains(file + " stage=transcribe ms="), workerTiming.toString());
    }
  }

  /** The test corpus: the three demo voices in speakers/, a seed clip and an unreadable file in seed/. */
  static Path writeCorpus(Path corpus) throws IOException {
    Path home = ItEnvironment.home();
    Files.createDirectories(corpus.resolve("speakers"));
    Files.createDirectories(corpus.resolve("seed"));
    for (String voice : List.of("alice.wav", "bob_stereo.flac", "carla_48k.wav")) {
      Files.copy(home.resolve("run-configs/demo/voices/" + voice), corpus.resolve("speakers/" + voice));
    }
    Files.copy(home.resolve("kernels/src/test/resources/seed/clips/short.wav"), corpus.resolve("seed/short.wav"));
    Files.write(corpus.resolve("seed/broken.wav"), "RIFF....not really audio".getBytes(StandardCharsets.US_ASCII));
    return corpus;
  }

  /**
   * The transcribe output of {@link #writeCorpus}, read from a local folder: partitions by folder
   * with every column filled, the unreadable file in errors/, summary.json, no working folders.
   *
   * @param brokenSource how the unreadable file's source URI ends
   */
  static void assertCorpusTranscribed(Path out, String runner, String brokenSource) throws IOException {
    // transcripts: one partition per parent folder, every column filled
    Set<String> partitions = new TreeSet<>();
    try (Stream<Path> dirs = Files.list(out.resolve("transcripts"))) {
      dirs.forEach(d -> partitions.add(d.getFileName().toString()));
    }
    assertEquals(Set.of("folder_name=seed", "folder_name=speakers"), partitions);
    List<String> names = new ArrayList<>();
    for (String partition : partitions) {
      String folder = partition.substring("folder_name=".length());
      for (GenericRecord row : FinishedDataset.parquet(out.resolve("transcripts/" + partition))) {
        String file = row.get("file_name").toString();
        names.add(folder + "/" + file);
        assertEquals(folder, row.get("folder_name").toString(), file + " is in the partition of its folder");
        assertFalse(row.get("transcription").toString().isEmpty(), file + " has no transcription");
        assertFalse(row.get("language").toString().isEmpty(), file + " has no language");
        assertTrue((Double) row.get("duration_s") > 0.5, file + " duration");
        List<?> tokens = (List<?>) row.get("tokens");
        assertEquals(13, tokens.size(), file + ": 13 MFCC rows (--mfcc default)");
        assertTrue(((List<?>) tokens.get(0)).size() > 10, file + ": MFCC frames");
        for (String stage : List.of("decode_ms", "transcribe_ms", "mfcc_ms")) {
          assertTrue((Double) row.get(stage) > 0, file + " " + stage);
        }
      }
    }
    names.sort(null);
    assertEquals(List.of("seed/short.wav", "speakers/alice.wav", "speakers/bob_stereo.flac",
        "speakers/carla_48k.wav"), names);

    // the unreadable file is an error row, not a crash
    List<GenericRecord> errors = FinishedDataset.parquet(out.resolve("errors"));
    assertEquals(1, errors.size(), errors.toString());
    assertEquals("broken.wav", errors.get(0).get("id").toString());
    assertEquals("decode", errors.get(0).get("stage").toString());
    assertTrue(errors.get(0).get("source").toString().endsWith(brokenSource), errors.toString());

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertEquals(runner, summary.path("runner").asText(), summary.toString());
    assertEquals(5, summary.path("files_in").asLong(), summary.toString());
    assertEquals(4, summary.path("files_ok").asLong(), summary.toString());
    assertEquals(1, summary.path("files_failed").asLong(), summary.toString());
    assertEquals(1, summary.path("failures_by_stage").path("decode").asLong(), summary.toString());
    for (String stage : List.of("decode", "transcribe", "mfcc")) {
      assertEquals(4, summary.path("timing_ms").path(stage).path("count").asLong(), stage + " in " + summary);
    }
    for (String working : List.of("_temp", "_stats")) {
      assertFalse(Files.exists(out.resolve(working)), working + " was left in " + out);
    }

  }
}
