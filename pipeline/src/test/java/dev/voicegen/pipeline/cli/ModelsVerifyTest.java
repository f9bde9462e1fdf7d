package dev.voicegen.pipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.voicegen.TestFiles;
import dev.voicegen.models.ModelFile;
import dev.voicegen.models.ModelLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models verify xtts-v2} on the tiny fixture: checksums, then the batching probe and one sentence. */
class ModelsVerifyTest {
  @TempDir Path work;
  private String home;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void homeIsTheRepository() {
    // the demo voice is found under voicegen.home, as bin/voicegen sets it; tests run in pipeline/
    home = System.getProperty("voicegen.home");
    System.setProperty("voicegen.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  @AfterEach
  void restoreHome() {
    if (home == null) {
      System.clearProperty("voicegen.home");
    } else {
      System.setProperty("voicegen.home", home);
    }
  }

  @Test
  void printsTheProbeAndOneSynthesis() throws Exception {
    Path model = lockedCopy(null);
    int status = verify(model);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(VoicegenCli.OK, status, printed + err);
    assertTrue(printed.contains(model + ": every file matches " + ModelLock.FILE), printed);
    assertTrue(printed.contains("\nbatching probe: on\n"), printed);
    for (String graph : List.of("conditioning_encoder.onnx", "gpt_model.onnx", "hifigan_vocoder.onnx")) {
      assertTrue(printed.contains("\n  " + graph + ": "), printed);
    }
    assertTrue(printed.contains("synthesis: \"" + XttsVerification.SENTENCE + "\" in the voice of "
        + XttsVerification.VOICE + ": "), printed);
    assertTrue(printed.matches("(?s).*: \\d+\\.\\d\\d s of 24000 Hz audio in .*"), printed);
  }

  @Test
  void aModelThatCannotBatchIsReportedAndStillSpeaks() throws Exception {
    Path model = lockedCopy("ignore-mask");
    int status = verify(model);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(VoicegenCli.OK, status, printed + err);
    assertTrue(printed.contains("\nbatching probe: off (gpt_model.onnx does not honour attention_mask zeros"),
        printed);
    assertTrue(printed.contains("synthesis: \""), printed);
  }

  @Test
  void aChecksumMismatchStopsBeforeTheModelLoads() throws Exception {
    Path model = lockedCopy(null);
    Files.writeString(model.resolve("vocab.json"), "{}");
    int status = verify(model);
    assertEquals(VoicegenCli.FAILED, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("vocab.json: "), err.toString());
    assertFalse(out.toString(StandardCharsets.UTF_8).contains("batching probe"), out.toString());
  }

  private int verify(Path model) throws IOException {
    return new ModelsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(new String[] {"verify", "xtts-v2", "--modelDir=" + model});
  }

  /** The tiny model (with a variant's graphs laid over it) and the lock {@code models pull} would write. */
  private Path lockedCopy(String variant) throws IOException, NoSuchAlgorithmException {
    Path model = TestFiles.copyTree(XttsJobTest.TINY, work.resolve("model"));
    if (variant != null) {
      try (Stream<Path> graphs = Files.list(XttsJobTest.TINY.resolveSibling("variants").resolve(variant))) {
        for (Path g : graphs.toList()) {
          Files.copy(g, model.resolve(g.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    List<ModelFile> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(model)) {
      for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        files.add(new ModelFile(model.relativize(p).toString(), Files.size(p), sha));
      }
    }
    new ModelLock("xtts-v2", "test", "fixture", "fixture", null, files).write(model);
    return model;
  }
}
