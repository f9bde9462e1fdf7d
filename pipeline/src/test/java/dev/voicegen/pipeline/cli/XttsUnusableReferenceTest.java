package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.audio.AudioClip;
import dev.voicegen.audio.io.AudioDecoder;
import dev.voicegen.audio.io.WavWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * XTTS (the tiny fixture model) on a silent and on a 0.2 s reference: the reference gates refuse
 * them before synthesis (no_speech, reference_too_short); with --minReferenceSpeech=0 the short one
 * reaches XTTS, whose own check fails it with reference_too_short and a message naming the sample,
 * logged in one line with no stack trace; the good row is spoken. Before, the rows failed with "no
 * conditioning chunks" (no file name) after a 54-line stack trace.
 */
class XttsUnusableReferenceTest {
  @TempDir Path dir;

  /** Captures what the job logs at INFO and above, stack traces included. */
  private static String logsOf(Runnable job) {
    StringWriter captured = new StringWriter();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    WriterAppender appender = WriterAppender.newBuilder().setName("capture").setTarget(captured)
        .setLayout(PatternLayout.newBuilder().withPattern("%level %logger - %msg%n%throwable").build())
        .build();
    appender.start();
    config.addAppender(appender);
    config.getRootLogger().addAppender(appender, Level.INFO, null);
    context.updateLoggers();
    try {
      job.run();
    } finally {
      config.getRootLogger().removeAppender("capture");
      context.updateLoggers();
      appender.stop();
    }
    return captured.toString();
  }

  @Test
  void silentAndTooShortReferencesFailTheirRowsNamingTheSample() throws Exception {
    Path silent = Files.write(dir.resolve("silent.wav"),
        WavWriter.toWav16(AudioClip.mono(22050, new float[22050 * 2])));
    AudioClip alice = AudioDecoder.decode(ManifestFixture.DEMO_VOICES.resolve("alice.wav"));
    float[] speech = alice.toMono().channel(0);
    Path shortOne = Files.write(dir.resolve("short.wav"), WavWriter.toWav16(AudioClip.mono(
        alice.sampleRate(), Arrays.copyOfRange(speech, speech.length / 3, speech.length / 3 + alice.sampleRate() / 5))));
    Path manifest = Files.writeString(dir.resolve("m.csv"), "id,text,speaker_wav,language\n"
        + "quiet,Hello there.," + silent + ",en\n"
        + "brief,Hello there.," + shortOne + ",en\n"
        + "good,Hello there.," + ManifestFixture.DEMO_VOICES.resolve("alice.wav") + ",en\n");

    // the reference gates (default --minReferenceSpeech=2) refuse both before XTTS sees them
    Path gated = dir.resolve("gated");
    int[] status = new int[1];
    String logs = logsOf(() -> status[0] = new VoicegenCli(System.out, System.err).execute(new String[] {
        "run", "--manifest=" + manifest, "--output=" + gated, "--engine=xtts",
        "--modelDir=" + XttsJobTest.TINY, "--maxCodes=16", "--onnxThreads=1"}));
    assertEquals(0, status[0]);
    assertEquals(List.of("good"), Datasets.metadata(gated).stream().map(r -> str(r, "id")).toList());
    Map<String, GenericRecord> errors = new HashMap<>();
    Datasets.errors(gated).forEach(e -> errors.put(str(e, "id"), e));
    assertEquals("no_speech", str(errors.get("quiet"), "error_class"));
    assertEquals("reference_too_short", str(errors.get("brief"), "error_class"));
    for (Map.Entry<String, Path> row : Map.of("quiet", silent, "brief", shortOne).entrySet()) {
      GenericRecord e = errors.get(row.getKey());
      assertEquals("analyze", str(e, "stage"), e.toString());
      assertTrue(str(e, "message").startsWith(row.getValue() + ": "), str(e, "message"));
    }
    assertFalse(logs.contains("XTTS needs"), logs);
    assertFalse(logs.contains("\tat "), "no stack trace: " + logs);

    // without the speech gate, the short one reaches XTTS, which refuses it itself
    Path output = dir.resolve("out");
    logs = logsOf(() -> status[0] = new VoicegenCli(System.out, System.err).execute(new String[] {
        "run", "--manifest=" + manifest, "--output=" + output, "--engine=xtts", "--minReferenceSpeech=0",
        "--modelDir=" + XttsJobTest.TINY, "--maxCodes=16", "--onnxThreads=1"}));
    assertEquals(0, status[0]);
    assertEquals(List.of("good"), Datasets.metadata(output).stream().map(r -> str(r, "id")).toList());
    errors.clear();
    Datasets.errors(output).forEach(e -> errors.put(str(e, "id"), e));
    // digital silence has no speech at any minimum
    assertEquals("no_speech", str(errors.get("quiet"), "error_class"));
    GenericRecord e = errors.get("brief");
    assertEquals("reference_too_short", str(e, "error_class"), e.toString());
    assertEquals("synthesize", str(e, "stage"), e.toString());
    assertTrue(str(e, "message").startsWith(shortOne + ": "), str(e, "message"));
    assertTrue(str(e, "message").contains("XTTS needs at least 0.33 s"), str(e, "message"));
    assertEquals(1, logs.lines().filter(l -> l.contains(shortOne.toString()) && l.contains("XTTS needs")).count(), logs);
    assertFalse(logs.contains("\tat "), "no stack trace: " + logs);
  }

  @Test
  void cloneOnASilentReferenceSaysWhichFileInOneLine() throws Exception {
    Path silent = Files.write(dir.resolve("silent.wav"),
        WavWriter.toWav16(AudioClip.mono(22050, new float[22050 * 2])));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String logs = logsOf(() -> assertEquals(1, new VoicegenCli(System.out, new PrintStream(err, true))
        .execute(new String[] {"clone", "--text=Hello.", "--speaker-wav=" + silent, "--language=en",
            "--engine=xtts", "--modelDir=" + XttsJobTest.TINY, "--output=" + dir.resolve("c.wav")})));
    String line = err.toString().strip();
    assertFalse(line.contains("\n"), line);
    assertTrue(line.startsWith("voicegen: synthesis failed (reference_too_short): " + silent + ": "), line);
    assertFalse(logs.contains("\tat "), "no stack trace: " + logs);
    assertFalse(Files.exists(dir.resolve("c.wav")));
  }
}
