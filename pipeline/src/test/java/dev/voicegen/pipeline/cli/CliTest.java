package dev.voicegen.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.pipeline.run.RunOptions;
import dev.voicegen.pipeline.transcribe.TranscribeJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit statuses and one-line errors of the command line, and the one-off sample commands. */
class CliTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new VoicegenCli(new PrintStream(out, true), new PrintStream(err, true)).execute(args);
  }

  @Test
  void jobsThatCannotStartExitWithTwoAndOneLine() throws IOException {
    Path manifest = Files.writeString(dir.resolve("m.csv"), "id,text,speaker_wav\na,b,c.wav\n");
    String o = "--output=" + dir.resolve("out");
    assertEquals(2, run("frobnicate"));
    assertEquals(2, run("run", "--manifest=" + dir.resolve("none.csv"), o));
    assertEquals(2, run("run", o));
    assertEquals(2, run("run", "--manifest=" + manifest, o, "--engine=xtts", "--modelDir=" + dir));
    assertEquals(2, run("run", "--manifest=" + manifest, o, "--preprocess=studio"));
    // a dry run checks its options like any run
    assertEquals(2, run("run", "--manifest=" + manifest, o, "--dryRun", "--device=tpu"));
    assertEquals(2, run("run", "--manifest=" + manifest, o, "--engine=espeak",
        "--espeakExecutable=/nonexistent/espeak-ng"));
    assertEquals(2, run("run", "--manifest=" + manifest, o, "--engine=espeak", "--batchTokens=0"));
    String[] lines = err.toString().strip().split("\n");
    assertEquals(8, lines.length, err.toString());
    assertTrue(lines[7].contains("--batchTokens must be at least 1"), lines[7]);
    assertEquals(2, run(), "no command: usage and status 2");
    assertTrue(err.toString().contains("usage: bin/voicegen COMMAND"));
    for (String line : lines) {
      assertTrue(line.startsWith("voicegen: "), line);
    }
    assertTrue(lines[1].contains("none.csv"), lines[1]);
    assertTrue(lines[2].contains("--manifest is required"), lines[2]);
    assertTrue(lines[3].contains("--engine=xtts"), lines[3]);
    assertTrue(lines[6].contains("apt-get install -y espeak-ng"), lines[6]);
    assertTrue(Files.notExists(dir.resolve("out")), "nothing written by a job that did not start");
  }

  /** No silent fallback: --engine=auto with a model directory that exists but is incomplete. */
  @Test
  void autoWithAnIncompleteModelDirectoryStopsAtStartNamingTheFiles() throws IOException {
    Path manifest = Files.writeString(dir.resolve("m.csv"), "id,text,speaker_wav\na,b,c.wav\n");
    Path model = Files.createDirectories(dir.resolve("models/xtts-v2"));
    Files.writeString(model.resolve("gpt_model.onnx.part"), "half a download");
    assertEquals(2, run("run", "--manifest=" + manifest, "--output=" + dir.resolve("out"),
        "--modelDir=" + model));
    assertEquals(2, run("clone", "--text=Hi.", "--speaker-wav=" + ManifestFixture.DEMO_VOICES.resolve("bob_stereo.flac"), "--output=" + dir.resolve("c.wav"),
        "--modelDir=" + model));
    String[] lines = err.toString().strip().split("\n");
    assertEquals(2, lines.length, err.toString());
    for (String line : lines) {
      assertTrue(line.startsWith("voicegen: --engine=auto: the model directory " + model.toAbsolutePath()), line);
      assertTrue(line.contains("metadata.json: missing") && line.contains("vocab.json: missing"), line);
    }
    assertTrue(Files.notExists(dir.resolve("out")) && Files.notExists(dir.resolve("c.wav")));
  }

  /** The gated repository without an accepted token: exit 2 and one line saying what to do. */
  @Test
  void pullingTheGatedModelWithoutAnAcceptedTokenExitsTwoWithOneLine() throws IOException {
    try (dev.voicegen.models.FakeHub hub =
        new dev.voicegen.models.FakeHub("pltobing/XTTSv2-Streaming-ONNX", true)) {
      hub.add("abc", Path.of("../kernels/src/test/resources/xtts/tiny"), "xtts_onnx/").branch("main", "abc");
      assertEquals(2, run("models", "pull", "xtts-v2", "--source=" + hub.base(), "--modelDir=" + dir.resolve("m")));
    }
    String[] lines = err.toString().strip().split("\n");
    assertTrue(lines[0].startsWith("licence: ") && lines[0].contains("non-commercial"), lines[0]);
    assertEquals(2, lines.length, err.toString());
    assertTrue(lines[1].startsWith("voicegen: http://127.0.0.1:"), lines[1]);
    assertTrue(lines[1].contains("/pltobing/XTTSv2-Streaming-ONNX answered HTTP 40"), lines[1]);
    assertTrue(lines[1].contains("accept its terms") && lines[1].contains("HF_TOKEN"), lines[1]);
    assertTrue(Files.notExists(dir.resolve("m/voicegen-model.lock.json")));
  }

  @Test
  void configFileFillsInWhatTheCommandLineLeavesOut() throws IOException {
    Path config = Files.writeString(dir.resolve("c.properties"), "batchSize=3\nengine=espeak\n");
    RunOptions o = VoicegenCli.parseOptions(new String[] {"--config=" + config, "--batchSize=5"});
    assertEquals(5, o.getBatchSize());
    assertEquals("espeak", o.getEngine());
  }

  @Test
  void cpuJobsRunOneBundleAtATimeUnlessTheFlagsSayOtherwise() throws IOException {
    assertEquals(1, VoicegenCli.parseOptions(new String[0]).as(DirectOptions.class).getTargetParallelism());
    Path config = Files.writeString(dir.resolve("p.properties"), "targetParallelism=4\n");
    assertEquals(4, VoicegenCli.parseOptions(new String[] {"--config=" + config})
        .as(DirectOptions.class).getTargetParallelism());
    assertEquals(1, TranscribeJob.parseOptions(new String[0]).as(DirectOptions.class).getTargetParallelism());
    assertEquals(2, TranscribeJob.parseOptions(new String[] {"--targetParallelism=2"})
        .as(DirectOptions.class).getTargetParallelism());
  }

  @Test
  void analyzeJsonHasTheContractKeysAndFailsOnABadFile() throws IOException {
    Path voice = ManifestFixture.DEMO_VOICES.resolve("bob_stereo.flac");
    Path bad = Files.writeString(dir.resolve("bad.wav"), "not audio");
    assertEquals(1, run("analyze", "--json", voice.toString(), bad.toString()));
    List<String> lines = out.toString().strip().lines().toList();
    assertEquals(2, lines.size());
    JsonNode a = new ObjectMapper().readTree(lines.get(0));
    for (String key : List.of("path", "duration_s", "sample_rate", "channels", "speech_duration_s",
        "silence_duration_s", "speech_segments", "loudness_dbfs", "peak_dbfs", "integrated_lufs",
        "true_peak_dbtp", "snr_db", "clipped_ratio", "speech_ratio", "dc_offset", "bandwidth_hz",
        "score", "verdict", "recommendations")) {
      assertTrue(a.has(key), key);
    }
    assertEquals(44100, a.get("sample_rate").asInt());
    assertEquals(2, a.get("channels").asInt());
    assertTrue(a.get("integrated_lufs").asDouble() < -20, "a quiet stereo sample: " + a);
    assertTrue(a.has("quality_score"));
    JsonNode e = new ObjectMapper().readTree(lines.get(1));
    assertTrue(e.get("error").asText().contains("bad.wav"));
  }

  @Test
  void optimizeAndCloneWriteRealAudio() throws IOException {
    Path voice = ManifestFixture.DEMO_VOICES.resolve("bob_stereo.flac");
    Path optimized = dir.resolve("opt.wav");
    assertEquals(0, run("optimize", voice.toString(), optimized.toString()));
    AudioClip o = AudioDecoder.decode(optimized);
    assertEquals(22050, o.sampleRate());
    assertEquals(1, o.channelCount());
    Path speech = dir.resolve("speech.wav");
    assertEquals(0, run("clone", "--text=Hello there.", "--speaker-wav=" + voice, "--language=en",
        "--output=" + speech));
    assertTrue(AudioDecoder.decode(speech).durationSeconds() > 0.3);
    assertTrue(out.toString().contains("no voice cloning"), out.toString());
    assertTrue(out.toString().contains("voice cloned: NO"), out.toString());
  }
}
