package dev.voicegen.pipeline.cli;

import static dev.voicegen.pipeline.cli.Datasets.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicegen.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --verifyAsr and --maxCer with the tiny Whisper model in the Hugging Face layout. */
class AsrVerifyTest {
  static final Path WHISPER =
      Path.of("..", "kernels", "src", "test", "resources", "whisper", "tiny").toAbsolutePath().normalize();

  @TempDir Path work;

  private Path manifest() throws IOException {
    ManifestFixture f = new ManifestFixture(work.resolve("in"));
    f.demoVoice("alice.wav");
    List<String> csv = new ArrayList<>(List.of("id,text,speaker_wav,language,speaker_id"));
    csv.addAll(ManifestFixture.rows("v", 3, List.of("voices/alice.wav")));
    return f.csv("manifest.csv", csv);
  }

  @Test
  void transcriptCerAndWerAreRecordedPerRowAndSummarised() throws IOException {
    Path output = work.resolve("out");
    assertEquals(0, new VoicegenCli(System.out, System.err).execute(new String[] {"run",
        "--manifest=" + manifest(), "--output=" + output, "--engine=espeak", "--verifyAsr",
        "--asrModelDir=" + WHISPER}));
    List<GenericRecord> rows = Datasets.metadata(output);
    assertEquals(3, rows.size());
    for (GenericRecord r : rows) {
      assertNotNull(r.get("asr_transcript"));
      assertEquals("en", str(r, "asr_language"));
      double cer = (Double) r.get("cer");
      assertTrue(cer >= 0, "cer " + cer);
      assertNotNull(r.get("wer"));
    }
    JsonNode asr = Datasets.summary(output).path("asr");
    assertEquals(3, asr.path("cer").path("count").asLong(), asr.toString());
    assertEquals(3, asr.path("wer").path("count").asLong(), asr.toString());
  }

  @Test
  void rowsAboveMaxCerGoToErrorsAndTheirAudioIsNotKept() throws IOException {
    Path output = work.resolve("out");
    // the tiny model's random weights cannot transcribe the text exactly: every CER is above 0
    assertEquals(0, new VoicegenCli(System.out, System.err).execute(new String[] {"run",
        "--manifest=" + manifest(), "--output=" + output, "--engine=espeak", "--verifyAsr",
        "--maxCer=0", "--asrModelDir=" + WHISPER}));
    JsonNode summary = Datasets.summary(output);
    assertEquals(0, summary.get("rows_ok").asLong());
    assertEquals(3, summary.get("rows_failed").asLong());
    for (GenericRecord e : Datasets.errors(output)) {
      assertEquals("verify", str(e, "stage"));
      assertEquals("below_quality_gates", str(e, "error_class"));
      assertTrue(str(e, "message").contains("best attempt 1 (seed null): CER "), str(e, "message"));
      assertTrue(str(e, "message").contains("(--maxCer=0.0); attempts 1: cer "), str(e, "message"));
    }
    assertTrue(Files.notExists(output.resolve("audio")), "no audio of a failed clone in the dataset");
  }

  /**
   * --asrQuantized: the check loads the int8 graphs (stand-ins here, with the float weights under
   * the int8 names and the float files removed, so only the int8 names can have been read); on a
   * directory without them the job stops at start, naming the missing file.
   */
  @Test
  void asrQuantizedLoadsTheInt8Graphs() throws IOException {
    Path model = TestFiles.copyTree(WHISPER, work.resolve("whisper-int8"));
    Path m = manifest();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    VoicegenCli cli = new VoicegenCli(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, cli.execute(new String[] {"run", "--manifest=" + m, "--output=" + work.resolve("o"),
        "--engine=espeak", "--verifyAsr", "--asrQuantized", "--asrModelDir=" + model}));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("onnx/encoder_model_quantized.onnx is missing"),
        err.toString(StandardCharsets.UTF_8));
    assertEquals(2, cli.execute(new String[] {"run", "--manifest=" + m, "--output=" + work.resolve("o"),
        "--engine=espeak", "--asrQuantized"}));

    Files.move(model.resolve("onnx/encoder_model.onnx"), model.resolve("onnx/encoder_model_quantized.onnx"));
    Files.move(model.resolve("onnx/decoder_model_merged.onnx"),
        model.resolve("onnx/decoder_model_merged_quantized.onnx"));
    Path output = work.resolve("out");
    assertEquals(0, cli.execute(new String[] {"run", "--manifest=" + m, "--output=" + output,
        "--engine=espeak", "--verifyAsr", "--asrQuantized", "--asrModelDir=" + model}));
    List<GenericRecord> rows = Datasets.metadata(output);
    assertEquals(3, rows.size());
    for (GenericRecord r : rows) {
      assertNotNull(r.get("asr_transcript"));
      assertNotNull(r.get("cer"));
    }
  }

  @Test
  void maxCerWithoutVerifyAsrOrWithoutAModelIsAStartupError() throws IOException {
    Path m = manifest();
    assertEquals(2, new VoicegenCli(System.out, System.err).execute(new String[] {"run",
        "--manifest=" + m, "--output=" + work.resolve("o"), "--engine=espeak", "--maxCer=0.2"}));
    assertEquals(2, new VoicegenCli(System.out, System.err).execute(new String[] {"run",
        "--manifest=" + m, "--output=" + work.resolve("o"), "--engine=espeak", "--verifyAsr",
        "--asrModelDir=" + work.resolve("none")}));
  }
}
