package dev.voicegen.pipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bulk jobs on real processes: a Flink session cluster (JobManager + TaskManager from
 * run-configs/flink-cluster) and an S3 server (S3Mock's executable jar), one of each for the
 * class. Every job is {@code java -jar voicegen.jar run ...} in its own process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BulkJobsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = S3MockServer.SECRET;
  private static final Map<String, String> AWS = S3MockServer.AWS_ENV;
  /** The demo manifest's ids that are valid ids ("demo 010" is not: it fails without one). */
  private static final Set<String> DEMO_IDS = new HashSet<>();

  static {
    for (int i = 1; i <= 12; i++) {
      if (i != 10) {
        DEMO_IDS.add(String.format("demo-%03d", i));
      }
    }
  }

  private static Path work;
  private static S3MockServer s3;
  private static FlinkSessionCluster flink;

  @BeforeAll
  static void startServers() throws Exception {
    work = ItEnvironment.freshWorkFolder("BulkJobsIT");
    // both servers start at once: each takes 10-20 s, mostly JVM and framework start-up
    CompletableFuture<S3MockServer> s3Start =
        CompletableFuture.supplyAsync(() -> unchecked(() -> S3MockServer.start(work.resolve("s3mock"))));
    CompletableFuture<FlinkSessionCluster> flinkStart =
        CompletableFuture.supplyAsync(
            () -> unchecked(() -> FlinkSessionCluster.start(work.resolve("flink"), AWS)));
    try {
      s3 = s3Start.join();
    } finally {
      flink = flinkStart.exceptionally(e -> null).join();
    }
    if (flink == null) {
      flinkStart.join();
    }
    Path demo = ItEnvironment.home().resolve("run-configs/demo");
    s3.put("demo/manifest.csv", Files.readAllBytes(demo.resolve("manifest.csv")));
    try (Stream<Path> voices = Files.list(demo.resolve("voices"))) {
      for (Path v : voices.toList()) {
        s3.put("demo/voices/" + v.getFileName(), Files.readAllBytes(v));
      }
    }
  }

  @AfterAll
  static void stopServers() {
    try {
      if (flink != null) {
        flink.close();
      }
    } finally {
      if (s3 != null) {
        s3.close();
      }
    }
  }

  @Test
  @Order(1)
  void demoJobOnSessionCluster() throws Exception {
    Path out = work.resolve("flink-demo");
    VoicegenJob.Result r =
        job("flink-demo",
                "--config=run-configs/flink-cluster/job.properties",
                "--flinkMaster=" + flink.master(),
                "--manifest=run-configs/demo/manifest.csv",
                "--output=" + out)
            .run(600);
    assertEquals(0, r.exitCode(), r.output());
    FinishedDataset d = new FinishedDataset(out);
    d.assertEveryRowExactlyOnce(DEMO_IDS, 12);
    assertEquals(8, d.metadata.size());
    assertEquals("FlinkRunner", d.summary.path("runner").asText());
    // the job's Beam metrics, as the runner reported them, are in summary.json ...
    JsonNode counters = d.summary.path("metrics").path("counters");
    assertEquals(8, counters.path("write.ok").asLong(), d.summary.toString());
    assertEquals(12, counters.path("rows.read").asLong(), d.summary.toString());
    // ... and visible through Flink's REST API (the accumulators of the finished job)
    String jobId = onlyJob("FINISHED");
    String accumulators = flink.rest("/jobs/" + jobId + "/accumulators");
    assertTrue(accumulators.contains("voicegen"), accumulators);
    assertTrue(accumulators.contains("write.ok"), accumulators);
  }

  @Test
  @Order(2)
  void s3aJobOnSessionCluster() throws Exception {
    VoicegenJob.Result r =
        s3Job("flink-s3a",
                "--runner=FlinkRunner",
                "--flinkMaster=" + flink.master(),
                "--parallelism=2",
                "--manifest=s3a://bucket1/demo/manifest.csv",
                "--output=s3a://bucket1/out-s3a")
            .run(600);
    assertEquals(0, r.exitCode(), r.output());
    FinishedDataset d = bucketDataset("out-s3a/", "s3a");
    d.assertEveryRowExactlyOnce(DEMO_IDS, 12);
    assertMissingSampleAccounted(d, "s3a://bucket1/demo/voices/missing.wav");
    assertTrue(d.metadata.stream().allMatch(m -> m.get("speaker_wav").toString().startsWith("s3a://bucket1/demo/voices/")));
  }

  @Test
  @Order(3)
  void s3aRerunReplacesTheDataset() throws Exception {
    // s3a cannot rename onto an existing object: a rerun must clear the earlier outputs first
    VoicegenJob.Result r =
        s3Job("direct-s3a-rerun",
                "--manifest=s3a://bucket1/demo/manifest.csv",
                "--output=s3a://bucket1/out-s3a")
            .run(600);
    assertEquals(0, r.exitCode(), r.output());
    bucketDataset("out-s3a/", "s3a-rerun").assertEveryRowExactlyOnce(DEMO_IDS, 12);
  }

  @Test
  @Order(4)
  void s3aResumeRedoesExactlyTheDamagedRows() throws Exception {
    String output = "--output=s3a://bucket1/out-resume";
    VoicegenJob.Result first =
        s3Job("direct-s3a-resume-first", "--manifest=s3a://bucket1/demo/manifest.csv", output).run(600);
    assertEquals(0, first.exitCode(), first.output());
    bucketDataset("out-resume/", "resume-first").assertEveryRowExactlyOnce(DEMO_IDS, 12);

    // damage: one audio object and one metadata part file go missing
    String audio = s3.list("out-resume/audio/").get(0);
    List<String> parts =
        s3.list("out-resume/metadata/").stream().filter(k -> k.endsWith(".parquet")).sorted().toList();
    String part = parts.get(parts.size() - 1);
    Set<String> redo = new HashSet<>();
    redo.add(audio.substring(audio.lastIndexOf('/') + 1, audio.length() - ".wav".length()));
    Path partDir = work.resolve("resume-lost-part");
    ItEnvironment.deleteTree(partDir);
    Files.createDirectories(partDir);
    Files.write(partDir.resolve("part.parquet"), s3.get(part));
    FinishedDataset.parquet(partDir).forEach(r -> redo.add(r.get("id").toString()));
    s3.delete(audio);
    s3.delete(part);

    VoicegenJob.Result resumed =
        s3Job("direct-s3a-resume-again", "--resume", "--manifest=s3a://bucket1/demo/manifest.csv", output)
            .run(600);
    assertEquals(0, resumed.exitCode(), resumed.output());
    FinishedDataset d = bucketDataset("out-resume/", "resume-again");
    d.assertEveryRowExactlyOnce(DEMO_IDS, 12);
    assertEquals(8, d.metadata.size());
    assertEquals(8 - redo.size(), d.summary.path("rows_skipped").asLong(), "redone: " + redo);
    assertEquals(List.of(), s3.list("out-resume/_resume/"), "the earlier metadata moved aside is gone");
  }

  @Test
  @Order(5)
  void s3JobOnDirectRunner() throws Exception {
    VoicegenJob.Result r =
        s3Job("direct-s3",
                "--manifest=s3://bucket1/demo/manifest.csv",
                "--output=s3://bucket1/out-s3")
            .run(600);
    assertEquals(0, r.exitCode(), r.output());
    FinishedDataset d = bucketDataset("out-s3/", "s3");
    d.assertEveryRowExactlyOnce(DEMO_IDS, 12);
    assertMissingSampleAccounted(d, "s3://bucket1/demo/voices/missing.wav");
  }

  @Test
  @Order(6)
  void dryRunFromBucketWritesMetadataWithoutAudio() throws Exception {
    VoicegenJob.Result r =
        s3Job("direct-s3-dry-run",
                "--dryRun",
                "--manifest=s3://bucket1/demo/manifest.csv",
                "--output=s3://bucket1/out-dry")
            .run(600);
    assertEquals(0, r.exitCode(), r.output());
    FinishedDataset d = bucketDataset("out-dry/", "dry");
    assertEquals(12, d.summary.path("rows_in").asLong());
    assertEquals(8, d.metadata.size());
    Set<String> ids = new HashSet<>();
    for (GenericRecord m : d.metadata) {
      ids.add(m.get("id").toString());
      assertEquals(Boolean.TRUE, m.get("dry_run"));
      assertEquals("", m.get("audio_filepath").toString());
      assertTrue(((Number) m.get("duration_s")).doubleValue() > 0, "the reference's analysis");
    }
    d.errors.stream().filter(e -> e.get("id") != null).forEach(e -> ids.add(e.get("id").toString()));
    assertEquals(DEMO_IDS, ids);
    assertEquals(List.of(), s3.list("out-dry/audio/"), "a dry run writes no audio");
  }

  @Test
  @Order(7)
  void badS3InputStopsWithOneClearLine() throws Exception {
    assertRefused("missing-object", "matches no readable file",
        s3Job("bad-missing", "--manifest=s3a://bucket1/demo/nope.csv", "--output=s3a://bucket1/bad"));
    assertRefused("wrong-bucket-s3a", "bucket does not exist",
        s3Job("bad-bucket-s3a", "--manifest=s3a://nobucket/demo/manifest.csv", "--output=s3a://bucket1/bad"));
    assertRefused("wrong-bucket-s3", "s3://nobucket/demo/manifest.csv",
        s3Job("bad-bucket-s3", "--manifest=s3://nobucket/demo/manifest.csv", "--output=s3://bucket1/bad"));
    assertRefused("wrong-output-bucket", "cannot be prepared",
        s3Job("bad-output", "--manifest=s3a://bucket1/demo/manifest.csv", "--output=s3a://nobucket/out"));
    // no credentials anywhere in the chain: the job is refused before it starts
    Path nowhere = work.resolve("no-such-aws-config");
    assertRefused("no-credentials-s3a", "credentials",
        s3Job("bad-credentials-s3a", "--manifest=s3a://bucket1/demo/manifest.csv", "--output=s3a://bucket1/bad")
            .withoutEnv("AWS_ACCESS_KEY_ID").withoutEnv("AWS_SECRET_ACCESS_KEY")
            .env("AWS_CONFIG_FILE", nowhere.toString())
            .env("AWS_SHARED_CREDENTIALS_FILE", nowhere.toString()));
    assertRefused("no-credentials-s3", "credentials",
        s3Job("bad-credentials-s3", "--manifest=s3://bucket1/demo/manifest.csv", "--output=s3://bucket1/bad")
            .withoutEnv("AWS_ACCESS_KEY_ID").withoutEnv("AWS_SECRET_ACCESS_KEY")
            .env("AWS_CONFIG_FILE", nowhere.toString())
            .env("AWS_SHARED_CREDENTIALS_FILE", nowhere.toString()));
    // denied credentials: S3Mock takes any key, so a stand-in endpoint answers as S3 answers a key
    // it does not know (403), for the manifest's bucket and the output's
    try (DenyingS3Endpoint denying = new DenyingS3Endpoint()) {
      assertRefused("denied-s3a", "access denied (HTTP 403)",
          deniedJob("denied-s3a", denying, "--manifest=s3a://bucket1/demo/manifest.csv",
              "--output=s3a://bucket1/bad"));
      assertRefused("denied-s3", "access denied (HTTP 403)",
          deniedJob("denied-s3", denying, "--manifest=s3://bucket1/demo/manifest.csv",
              "--output=s3://bucket1/bad"));
      assertRefused("denied-output", "access denied (HTTP 403)",
          deniedJob("denied-output", denying, "--manifest=run-configs/demo/manifest.csv",
              "--output=s3://bucket1/bad"));
      assertTrue(denying.requests() >= 3, "the jobs asked the denying endpoint");
    }
    assertTrue(s3.list("bad").isEmpty(), "a refused job wrote " + s3.list("bad"));
  }

  @Test
  @Order(8)
  void taskManagerKilledMidJobRecoversExactlyOnce() throws Exception {
    Path demo = ItEnvironment.home().resolve("run-configs/demo/voices");
    List<String> lines = new ArrayList<>(List.of("id,text,speaker_wav,language"));
    Set<String> ids = new HashSet<>();
    String[] voices = {"alice.wav", "bob_stereo.flac", "carla_48k.wav"};
    int rows = 60;
    for (int i = 0; i < rows; i++) {
      String id = String.format("row-%03d", i);
      ids.add(id);
      String sample = i % 20 == 7 ? "missing.wav" : voices[i % 3];
      lines.add(id + ",\"Sentence number " + i + " of the recovery test, spoken in full.\","
          + demo.resolve(sample) + "," + (sample.startsWith("carla") ? "de" : "en"));
    }
    Path manifest = work.resolve("recovery.csv");
    Files.write(manifest, lines);
    Path out = work.resolve("flink-recovery");
    Set<String> before = jobIds();

    VoicegenJob job =
        job("flink-recovery",
            "--config=run-configs/flink-cluster/job.properties",
            "--flinkMaster=" + flink.master(),
            "--manifest=" + manifest,
            "--output=" + out);
    Process client = job.start();
    String jobId = null;
    long deadline = System.nanoTime() + 300_000_000_000L;
    while (System.nanoTime() < deadline && client.isAlive()) {
      if (jobId == null) {
        Set<String> now = jobIds();
        now.removeAll(before);
        jobId = now.isEmpty() ? null : now.iterator().next();
      } else if (FinishedDataset.files(out.resolve("audio")).size() >= 3) {
        break;
      }
      Thread.sleep(200);
    }
    assertTrue(jobId != null && client.isAlive(), "the job never got going: " + job.output());
    String state = jobState(jobId);
    assertEquals("RUNNING", state, "the job must still run when its TaskManager dies");
    long written = FinishedDataset.files(out.resolve("audio")).size();
    List<Long> killed = flink.killTaskManagers();
    assertFalse(killed.isEmpty(), "no TaskManager to kill");
    flink.startTaskManager();

    VoicegenJob.Result r = job.await(client, 600);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(written < rows, "the kill came after " + written + " of " + rows + " rows");
    // Flink saw the failure and restarted the job
    JsonNode exceptions = JSON.readTree(flink.rest("/jobs/" + jobId + "/exceptions"));
    assertNotEquals(
        0, exceptions.path("exceptionHistory").path("entries").size(), exceptions.toString());
    assertEquals("FINISHED", jobState(jobId));

    FinishedDataset d = new FinishedDataset(out);
    d.assertEveryRowExactlyOnce(ids, rows);
    assertEquals(rows - 3, d.metadata.size(), "rows with a missing sample fail, the rest are ok");
  }

  @Test
  @Order(9)
  void credentialsNeverLogged() throws Exception {
    List<Path> logs;
    try (Stream<Path> walk = Files.walk(work)) {
      logs = walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".out"))
          .toList();
    }
    assertTrue(logs.size() > 5, "too few logs to check: " + logs);
    for (Path log : logs) {
      String text = Files.readString(log, StandardCharsets.ISO_8859_1);
      assertFalse(text.contains(SECRET), "the secret access key is in " + log);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static VoicegenJob job(String name, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--logDir=" + work.resolve("logs/" + name));
    all.add("--progressSeconds=30");
    return new VoicegenJob(work.resolve(name + ".log"), "1g", all.toArray(String[]::new));
  }

  /** A job whose S3 endpoint refuses its credentials. */
  private static VoicegenJob deniedJob(String name, DenyingS3Endpoint denying, String... args)
      throws IOException {
    return s3JobAt(denying.endpoint(), name, args);
  }

  private static VoicegenJob s3Job(String name, String... args) throws IOException {
    return s3JobAt(s3.endpoint(), name, args);
  }

  private static VoicegenJob s3JobAt(String endpoint, String name, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--config=run-configs/s3.properties",
        "--s3Endpoint=" + endpoint));
    all.addAll(List.of(args));
    VoicegenJob j = job(name, all.toArray(String[]::new));
    AWS.forEach(j::env);
    return j;
  }

  private static void assertRefused(String what, String reason, VoicegenJob job) throws Exception {
    VoicegenJob.Result r = job.run(180);
    assertEquals(2, r.exitCode(), what + ": " + r.output());
    String line =
        r.output().lines().filter(l -> l.startsWith("voicegen: ")).reduce((a, b) -> b).orElse("");
    assertTrue(line.contains(reason), what + ": expected '" + reason + "' in: " + line);
  }

  private static void assertMissingSampleAccounted(FinishedDataset d, String uri) {
    GenericRecord e =
        d.errors.stream()
            .filter(x -> x.get("id") != null && "demo-009".equals(x.get("id").toString()))
            .findFirst()
            .orElseThrow();
    assertEquals("missing_file", e.get("error_class").toString());
    assertTrue(e.get("message").toString().contains(uri), e.get("message").toString());
  }

  private static FinishedDataset bucketDataset(String prefix, String name) throws Exception {
    Path local = work.resolve("download-" + name);
    ItEnvironment.deleteTree(local);
    s3.download(prefix, local);
    return new FinishedDataset(local);
  }

  private static Set<String> jobIds() throws IOException, InterruptedException {
    Set<String> ids = new HashSet<>();
    JSON.readTree(flink.rest("/jobs/overview")).path("jobs").forEach(j -> ids.add(j.path("jid").asText()));
    return ids;
  }

  private static String jobState(String jobId) throws IOException, InterruptedException {
    return JSON.readTree(flink.rest("/jobs/" + jobId)).path("state").asText();
  }

  private static String onlyJob(String state) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    JSON.readTree(flink.rest("/jobs/overview")).path("jobs").forEach(j -> {
      if (state.equals(j.path("state").asText())) {
        ids.add(j.path("jid").asText());
      }
    });
    assertEquals(1, ids.size(), "jobs in state " + state + ": " + ids);
    return ids.get(0);
  }

  private interface Step<T> {
    T get() throws Exception;
  }

  private static <T> T unchecked(Step<T> step) {
    try {
      return step.get();
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
