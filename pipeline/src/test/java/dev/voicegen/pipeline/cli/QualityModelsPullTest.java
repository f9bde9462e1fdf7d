package dev.voicegen.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicegen.models.ModelLicense;
import dev.voicegen.models.RawFileServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code models pull dnsmos|silero-vad} through the CLI, against a local server with the real files,
 * then {@code analyze} with what it pulled; offline, the pull's one line and the demo's one WARN.
 */
class QualityModelsPullTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return new VoicegenCli(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
  }

  private static String nobodyListening() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  @Test
  void pulledModelsAreTheOnesAnalyzeScoresWith() throws IOException {
    Path models = dir.resolve("qm");
    try (RawFileServer server = RawFileServer.servingTheQualityModels()) {
      assertEquals(0, run("models", "pull", "dnsmos", "--source=" + server.base(), "--qualityModelDir=" + models), err.toString());
      assertEquals(0, run("models", "pull", "silero-vad", "--source=" + server.base(), "--qualityModelDir=" + models), err.toString());
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("pulled dnsmos at e14b010991d9d85c27070b79e34028bc60d789d6: 2 files into " + models.resolve("dnsmos")), printed);
    assertTrue(printed.contains("pulled silero-vad at v6.2.1: 2 files into " + models.resolve("silero-vad")), printed);
    assertTrue(Files.isRegularFile(models.resolve("silero-vad/LICENSE")));
    assertTrue(Files.readString(models.resolve("dnsmos/" + ModelLicense.NOTE_FILE)).contains("CC-BY-4.0"));
    assertEquals(0, run("models", "verify", "dnsmos", "--qualityModelDir=" + models), err.toString());

    out.reset();
    Path voice = ManifestFixture.DEMO_VOICES.resolve("ls1688_16k.flac");
    assertEquals(0, run("analyze", voice.toString(), "--json", "--qualityModelDir=" + models), err.toString());
    JsonNode a = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    assertTrue(a.get("dnsmos_ovrl").isNumber() && a.get("vad_speech_s").isNumber(), a.toString());
  }

  @Test
  void theDemoPullsOnlyWhatIsMissing() throws IOException {
    Path models = dir.resolve("qm");
    try (RawFileServer server = RawFileServer.servingTheQualityModels()) {
      assertTrue(Demo.pullQualityModels(models, server.base()).contains("(pulled dnsmos, silero-vad)"));
      assertEquals(java.util.List.of(), dev.voicegen.models.ModelDownloader.verify(models.resolve("dnsmos")));
      assertEquals(java.util.List.of(), dev.voicegen.models.ModelDownloader.verify(models.resolve("silero-vad")));
      int before = server.requests.size();
      String again = Demo.pullQualityModels(models, server.base());
      assertFalse(again.contains("pulled"), again);
      assertEquals(before, server.requests.size(), "present models are not fetched again");
    }
  }

  @Test
  void offlineThePullStopsWithOneLineSayingWhereToPutTheFiles() throws IOException {
    Path models = dir.resolve("qm");
    assertEquals(2, run("models", "pull", "dnsmos", "--source=" + nobodyListening(), "--qualityModelDir=" + models));
    String[] lines = err.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertEquals(1, lines.length, err.toString());
    assertTrue(lines[0].startsWith("voicegen: cannot reach http://127.0.0.1:"), lines[0]);
    assertTrue(lines[0].contains("by hand into " + models.resolve("dnsmos")) && lines[0].contains("model_v8.onnx"), lines[0]);
    assertFalse(Files.exists(models));
  }

  @Test
  void offlineTheDemoRunsWithOneWarn() throws IOException {
    StringWriter log = new StringWriter();
    WriterAppender capture =
        WriterAppender.newBuilder()
            .setName("demo-capture")
            .setTarget(log)
            .setLayout(PatternLayout.newBuilder().withPattern("%level %msg%n").build())
            .build();
    capture.start();
    Logger root = (Logger) LogManager.getRootLogger();
    root.addAppender(capture);
    String home = System.getProperty("voicegen.home");
    System.setProperty("voicegen.home", Path.of("..").toAbsolutePath().normalize().toString());
    int status;
    try {
      status = run("demo", "--qualityModelDir=" + dir.resolve("qm"), "--qualityModelSource=" + nobodyListening(),
          "--engine=espeak");
    } finally {
      root.removeAppender(capture);
      capture.stop();
      if (home == null) {
        System.clearProperty("voicegen.home");
      } else {
        System.setProperty("voicegen.home", home);
      }
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, printed + err);
    assertTrue(printed.contains("rows in:     12") && printed.contains("rows ok:     8")
        && printed.contains("rows failed: 4"), printed);
    assertTrue(printed.contains("quality models: not pulled"), printed);
    // the job WARNs about the demo's reference samples too; about the quality models the demo
    // says once that they were not pulled, and the job once what it does without them
    List<String> warns = log.toString().lines()
        .filter(l -> l.startsWith(Level.WARN.name()))
        .filter(l -> l.toLowerCase(java.util.Locale.ROOT).matches(".*(quality model|dnsmos|silero).*"))
        .toList();
    assertEquals(2, warns.size(), log.toString());
    assertTrue(warns.get(0).startsWith("WARN The demo runs without the quality models"), log.toString());
    assertTrue(warns.get(1).startsWith("WARN Quality models missing in " + dir.resolve("qm")), warns.get(1));
    assertTrue(warns.get(1).contains("use the energy VAD (ref_vad=energy)"), warns.get(1));
    assertFalse(Files.exists(dir.resolve("qm")));
  }
}
