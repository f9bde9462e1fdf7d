package dev.voicegen.pipeline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code transcribe} with its corpus and its output in a bucket of a real S3 server process
 * (S3Mock's executable jar): listing a glob under {@code s3a://}, reading the files, writing the
 * partitioned transcripts, errors/ and summary.json through {@code s3a://} and {@code s3://}.
 */
class TranscribeS3IT {
  private static final String SECRET = S3MockServer.SECRET;
  private static final Map<String, String> AWS = S3MockServer.AWS_ENV;

  private static Path work;
  private static S3MockServer s3;

  @BeforeAll
  static void startServer() throws Exception {
    work = ItEnvironment.freshWorkFolder("TranscribeS3IT");
    s3 = S3MockServer.start(work.resolve("s3mock"));
    Path corpus = TranscribeOnFlinkIT.writeCorpus(work.resolve("corpus"));
    try (Stream<Path> files = Files.walk(corpus)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        s3.put("corpus/" + corpus.relativize(f), Files.readAllBytes(f));
      }
    }
  }

  @AfterAll
  static void stopServer() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void transcribesACorpusFromABucketIntoABucketThroughS3a() throws Exception {
    transcribe("s3a", "transcripts-s3a");
  }

  @Test
  void transcribesACorpusFromABucketIntoABucketThroughS3() throws Exception {
    transcribe("s3", "transcripts-s3");
  }

  private void transcribe(String scheme, String outPrefix) throws Exception {
    Path logs = work.resolve("logs-" + scheme);
    VoicegenJob job =
        VoicegenJob.transcribe(work.resolve("transcribe-" + scheme + ".log"), "1g",
            "--input=" + scheme + "://" + S3MockServer.BUCKET + "/corpus/**",
            "--output=" + scheme + "://" + S3MockServer.BUCKET + "/" + outPrefix,
            "--s3Endpoint=" + s3.endpoint(),
            "--s3Region=us-east-1",
            "--s3PathStyle=true",
            "--modelDir=" + ItEnvironment.home().resolve("kernels/src/test/resources/whisper/tiny"),
            "--batchSize=2",
            "--onnxThreads=1",
            "--logDir=" + logs);
    AWS.forEach(job::env);
    VoicegenJob.Result r = job.run(600);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("files_in=5 files_ok=4 files_failed=1"), r.output());

    Path local = work.resolve("download-" + scheme);
    s3.download(outPrefix + "/", local);
    TranscribeOnFlinkIT.assertCorpusTranscribed(local, "DirectRunner",
        scheme + "://" + S3MockServer.BUCKET + "/corpus/seed/broken.wav");
    List<String> keys = s3.list(outPrefix + "/");
    assertFalse(keys.stream().anyMatch(k -> k.contains("/_temp/") || k.contains("/_stats/")),
        "working objects were left: " + keys);

    assertFalse(r.output().contains(SECRET), "the secret key is in the job's output");
    try (Stream<Path> files = Files.walk(logs)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(f).contains(SECRET), "the secret key is in " + f);
      }
    }
  }
}
