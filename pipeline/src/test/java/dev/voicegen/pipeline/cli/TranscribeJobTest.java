package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegen.beam.common.TimingLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.GenericRecord;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transcribe job on DirectRunner with the tiny random-weight Whisper fixture. */
class TranscribeJobTest {
  static final Path TINY =
      Path.of("..", "kernels", "src", "test", "resources", "whisper", "tiny").toAbsolutePath().normalize();
  static final Path DEMO_VOICES = Path.of("..", "run-configs", "demo", "voices");
  static final Path SEED_CLIPS = Path.of("..", "kernels", "src", "test", "resources", "seed", "clips");

  @TempDir Path work;

  @Test
  void everyGoodFileIsTranscribedOnceAndTheCorruptOneIsAnError() throws IOException {
    Path corpus = work.resolve("corpus");
    Files.createDirectories(corpus.resolve("speakers"));
    Files.createDirectories(corpus.resolve("seed"));
    Files.copy(DEMO_VOICES.resolve("alice.wav"), corpus.resolve("speakers/alice.wav"));
    Files.copy(DEMO_VOICES.resolve("bob_stereo.flac"), corpus.resolve("speakers/bob_stereo.flac"));
    Files.copy(SEED_CLIPS.resolve("short.wav"), corpus.resolve("seed/short.wav"));
    Files.write(corpus.resolve("seed/broken.wav"), "RIFF....not really audio".getBytes(StandardCharsets.US_ASCII));
    Path output = work.resolve("out");

    // the test Log4j configuration has no timing.log appender: capture the timing logger instead
    StringWriter timing = new StringWriter();
    WriterAppender capture =
        WriterAppender.newBuilder()
            .setName("timing-capture")
            .setTarget(timing)
            .setLayout(PatternLayout.newBuilder().withPattern("%msg%n").build())
            .build();
    capture.start();
    Logger timingLogger = (Logger) LogManager.getLogger(TimingLog.LOGGER);
    timingLogger.addAppender(capture);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status;
    try {
      status =
          new VoicegenCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
              .execute(new String[] {"transcribe", "--input=" + corpus + "/**", "--output=" + output,
                  "--modelDir=" + TINY, "--batchSize=2", "--onnxThreads=1", "--logDir=" + work.resolve("logs")});
    } finally {
      timingLogger.removeAppender(capture);
      capture.stop();
    }

    assertEquals(0, status);
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("files_in=4 files_ok=3 files_failed=1"), out.toString());

    Set<String> partitions = new TreeSet<>();
    try (var dirs = Files.list(output.resolve("transcripts"))) {
      dirs.forEach(d -> partitions.add(d.getFileName().toString()));
    }
    assertEquals(Set.of("folder_name=seed", "folder_name=speakers"), partitions);

    List<GenericRecord> rows = Datasets.parquetRows(output.resolve("transcripts"));
    List<String> names = new ArrayList<>();
    for (GenericRecord r : rows) {
      String folder = str(r, "folder_name");
      String file = str(r, "file_name");
      names.add(folder + "/" + file);
      assertTrue(
          Files.isDirectory(output.resolve("transcripts/folder_name=" + folder)), folder);
      assertFalse(str(r, "transcription").isEmpty(), file + " has no transcription");
      assertFalse(str(r, "language").isEmpty(), file + " has no language");
      assertTrue((Double) r.get("duration_s") > 0.5, file + " duration");
      List<?> tokens = (List<?>) r.get("tokens");
      assertEquals(13, tokens.size(), file + ": 13 MFCC rows");
      assertTrue(((List<?>) tokens.get(0)).size() > 10, file + ": MFCC frames");
      for (String stage : List.of("decode_ms", "transcribe_ms", "mfcc_ms")) {
        assertTrue((Double) r.get(stage) > 0, file + " " + stage);
      }
    }
    names.sort(null);
    assertEquals(List.of("seed/short.wav", "speakers/alice.wav", "speakers/bob_stereo.flac"), names);

    List<GenericRecord> errors = Datasets.errors(output);
    assertEquals(1, errors.size());
    assertEquals("broken.wav", str(errors.get(0), "id"));
    assertEquals("decode", str(errors.get(0), "stage"));
    assertTrue(str(errors.get(0), "source").endsWith("seed/broken.wav"), str(errors.get(0), "source"));

    JsonNode summary = Datasets.summary(output);
    assertEquals(4, summary.get("files_in").asLong());
    assertEquals(3, summary.get("files_ok").asLong());
    assertEquals(1, summary.get("files_failed").asLong());
    assertEquals(
        summary.get("files_in").asLong(),
        summary.get("files_ok").asLong() + summary.get("files_failed").asLong());
    assertEquals(1, summary.path("failures_by_stage").path("decode").asLong());
    for (String stage : List.of("decode", "transcribe", "mfcc")) {
      JsonNode t = summary.path("timing_ms").path(stage);
      assertEquals(3, t.path("count").asLong(), stage + " in " + summary);
      assertTrue(t.path("p95").asDouble() >= t.path("p50").asDouble(), stage);
      assertTrue(t.path("max").asDouble() >= t.path("p95").asDouble(), stage);
    }
    assertTrue(summary.get("wall_time_s").asDouble() > 0);
    assertFalse(Files.exists(output.resolve("_stats")), "working folders are removed");
    assertFalse(Files.exists(output.resolve("_temp")), "working folders are removed");

    String log = timing.toString();
    for (String stage : List.of("decode", "transcribe", "mfcc")) {
      assertTrue(log.contains("alice.wav stage=" + stage + " ms="), log);
    }
    assertTrue(log.contains("summary files=3 total_s="), log);
  }

  @Test
  void speechSecondsComeFromSileroVadWhenItIsInstalled() throws IOException {
    Path shared = Path.of("../../shared").toAbsolutePath().normalize();
    Path corpus = Files.createDirectories(work.resolve("corpus/voices"));
    // ../shared/goldens/silero_vad.tsv: speech_s of each clip by the silero-vad package
    java.util.Map<String, Double> golden = java.util.Map.of(
        "ls_3080_3080-5032-0000.flac", 3.4, "ls_2033_2033-164914-0000.flac", 6.4, "var_silence.wav", 0.0);
    for (String name : golden.keySet()) {
      Files.copy(shared.resolve("data/voices").resolve(name), corpus.resolve(name));
    }
    Path empty = Files.createDirectories(work.resolve("no-models"));
    for (Path models : List.of(shared.resolve("models"), empty)) {
      Path output = work.resolve("out-" + models.getFileName());
      assertEquals(0, new VoicegenCli(System.out, System.err).execute(new String[] {"transcribe",
          "--input=" + corpus + "/*", "--output=" + output, "--modelDir=" + TINY, "--batchSize=3",
          "--onnxThreads=1", "--qualityModelDir=" + models, "--logDir=" + work.resolve("logs")}));
      List<GenericRecord> rows = Datasets.parquetRows(output.resolve("transcripts"));
      assertEquals(3, rows.size());
      for (GenericRecord r : rows) {
        Object speech = r.get("speech_s");
        if (models == empty) {
          assertEquals(null, speech, str(r, "file_name"));
        } else {
          assertEquals(golden.get(str(r, "file_name")), (Double) speech, 1e-9, str(r, "file_name"));
        }
      }
    }
  }

  @Test
  void missingInputOrModelIsAUsageError() throws IOException {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VoicegenCli cli = new VoicegenCli(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    Path output = work.resolve("out");
    // the run job's options (another --modelDir default, --mfcc as Integer) registered in the same JVM
    VoicegenCli.parseOptions(new String[] {"--manifest=m.csv", "--mfcc=20"});

    assertEquals(2, cli.execute(new String[] {"transcribe", "--input=" + work + "/none/*.wav",
        "--output=" + output, "--modelDir=" + TINY}));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("matches no file"), err.toString());

    Files.createDirectories(work.resolve("in"));
    Files.copy(SEED_CLIPS.resolve("short.wav"), work.resolve("in/short.wav"));
    err.reset();
    assertEquals(2, cli.execute(new String[] {"transcribe", "--input=" + work + "/in/*.wav",
        "--output=" + output, "--modelDir=" + work.resolve("no-model")}));
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("bin/voicegen models pull whisper-base"), err.toString());

    err.reset();
    assertEquals(2, cli.execute(new String[] {"transcribe", "--input=" + work + "/in/*.wav",
        "--output=" + output, "--modelDir=" + TINY, "--language=xx"}));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--language=xx"), err.toString());

    // --quantized on a directory without the int8 graphs names the missing file
    err.reset();
    assertEquals(2, cli.execute(new String[] {"transcribe", "--input=" + work + "/in/*.wav",
        "--output=" + output, "--modelDir=" + TINY, "--quantized"}));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("onnx/encoder_model_quantized.onnx: missing"),
        err.toString());

    // without --modelDir the Whisper default applies, not the run job's XTTS one
    err.reset();
    assertEquals(2, cli.execute(new String[] {"transcribe", "--input=" + work + "/in/*.wav",
        "--output=" + output}));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--modelDir=models/whisper-base"), err.toString());
  }
}
